package dev.archlab.id;

/**
 * Durable high-water mark of the timestamps a Snowflake generator may have stamped, so that a
 * restarted generator never reissues an old timestamp, even after the clock was set back.
 *
 * <p>The generator reserves ahead: before stamping an id at time {@code t} it makes sure the store
 * holds a mark {@code >= t}, advancing it in chunks (the id's time plus one second) so a write
 * happens about once per second. A new generator on the same store stamps only times above the
 * mark.
 *
 * <p>One store serves one generator at a time. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface TimestampStore {

  /**
   * The stored mark in Unix epoch milliseconds, or {@link Long#MIN_VALUE} when nothing has been
   * stored yet.
   *
   * @throws IdGenerationException when the stored mark cannot be read; never guesses
   * @since 0.1
   */
  long highWaterMark();

  /**
   * Durably raises the mark to {@code epochMillis}; returns only once it would survive a crash. A
   * value below the current mark leaves it unchanged.
   *
   * @throws IdGenerationException when the mark cannot be written
   * @since 0.1
   */
  void advanceTo(long epochMillis);
}
