package dev.archlab.id;

import java.util.UUID;

/**
 * Mints UUIDs, for example time-ordered version 7 UUIDs from {@link IdGenerators#uuidV7()}.
 *
 * <p>Implementations are thread-safe and never return null.
 *
 * @since 0.1
 */
public interface UuidGenerator {

  /**
   * Returns a new UUID.
   *
   * @since 0.1
   */
  UUID next();
}
