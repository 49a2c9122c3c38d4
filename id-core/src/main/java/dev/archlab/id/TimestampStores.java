package dev.archlab.id;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Factories for {@link TimestampStore}s.
 *
 * @since 0.1
 */
public final class TimestampStores {
  private TimestampStores() {}

  /**
   * A store in a small text file, replaced atomically (write a temporary file, fsync it, move it
   * over the old one, fsync the directory). The parent directory must exist. Writes are serialised
   * through a sibling {@code .lock} file, so stores sharing the file never lower its mark.
   *
   * @since 0.1
   */
  public static TimestampStore file(Path path) {
    Objects.requireNonNull(path, "path");
    return new FileTimestampStore(path.toAbsolutePath());
  }

  /**
   * A store in memory, surviving generator restarts within one JVM only; for tests and simulations.
   *
   * @since 0.1
   */
  public static TimestampStore inMemory() {
    return new InMemoryTimestampStore();
  }
}
