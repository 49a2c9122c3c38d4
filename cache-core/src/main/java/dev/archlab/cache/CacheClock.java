package dev.archlab.cache;

/**
 * Wall-clock milliseconds as the caches see them. Tests inject a manual clock; production uses
 * {@link #system()}. Entries written to a shared tier carry absolute times from this clock, so
 * every node of a two-level cache must use clocks that agree to within the TTLs in use.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CacheClock {

  /** The current time in milliseconds since the epoch. */
  long millis();

  /** The system clock ({@link System#currentTimeMillis()}). */
  static CacheClock system() {
    return System::currentTimeMillis;
  }
}
