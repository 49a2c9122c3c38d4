package dev.archlab.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562) through java-uuid-generator: 48 bits of Unix milliseconds, then random bits
 * that the library increments within one millisecond, so UUIDs from one generator increase.
 */
final class JugUuidV7Generator implements UuidGenerator {
  private final TimeBasedEpochGenerator delegate = Generators.timeBasedEpochGenerator();

  @Override
  public UUID next() {
    return delegate.generate();
  }

  @Override
  public String toString() {
    return "JugUuidV7Generator";
  }
}
