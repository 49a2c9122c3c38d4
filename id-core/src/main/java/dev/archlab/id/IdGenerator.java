package dev.archlab.id;

import java.util.Set;

/**
 * Mints unique 64-bit ids.
 *
 * <p>Every implementation guarantees that no two calls on generators that share one coordination
 * scope (a Snowflake worker-id space, a ticket-server group) ever return the same id. Further
 * guarantees are advertised by {@link #guarantees()} and checked by the contract tests shipped in
 * this module's test-jar ({@code IdGeneratorContract}).
 *
 * <p>Implementations are thread-safe. Ids are never negative.
 *
 * @since 0.1
 */
public interface IdGenerator {

  /** A property an implementation promises beyond uniqueness. */
  enum Guarantee {
    /** Each id is greater than every id this generator returned before. */
    MONOTONIC,
    /** The id encodes its creation time, so ids from different nodes sort roughly by time. */
    TIME_ORDERED,
    /** Consecutive ids from this generator differ by a fixed stride (no gaps while it runs). */
    GAP_FREE
  }

  /**
   * Returns a new id.
   *
   * @throws IdGenerationException when no id can be issued safely (for example the clock moved back
   *     further than the configured tolerance, or no ticket server is reachable)
   */
  long nextId();

  /**
   * Returns {@code count} new ids, in the order they were issued.
   *
   * @throws IllegalArgumentException when {@code count} is negative
   * @throws IdGenerationException as {@link #nextId()}
   */
  default long[] nextIds(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = nextId();
    }
    return ids;
  }

  /** The guarantees this generator makes beyond uniqueness. */
  Set<Guarantee> guarantees();
}
