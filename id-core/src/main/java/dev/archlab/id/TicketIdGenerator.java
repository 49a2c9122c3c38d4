package dev.archlab.id;

/**
 * An {@link IdGenerator} backed by ticket servers, single tickets or segments, that reports how
 * much database work it did.
 *
 * <p>Thread-safe. {@link #close()} stops its background threads; it does not close the data sources
 * it was given. Once closed, {@code nextId} and {@code nextIds} throw {@link
 * IdGenerationException}. Ids reserved but not yet handed out when it closes are never issued by
 * anyone (a gap, never a duplicate).
 *
 * @since 0.1
 */
public interface TicketIdGenerator extends IdGenerator, AutoCloseable {

  /**
   * Counters since this generator was built.
   *
   * @param roundTrips database statements sent to hand out ids (failed attempts included)
   * @param idsIssued ids returned to callers
   * @param blocks blocks reserved (segment mode; 0 for single tickets)
   * @param failovers calls that succeeded only after another server failed
   * @param currentBlockSize size of the block in use (segment mode; 0 for single tickets)
   * @since 0.1
   */
  record Stats(
      long roundTrips, long idsIssued, long blocks, long failovers, long currentBlockSize) {

    /** Database round trips per million ids issued, or 0 before the first id. */
    public double roundTripsPerMillionIds() {
      return idsIssued == 0 ? 0 : roundTrips * 1e6 / idsIssued;
    }
  }

  /** A snapshot of the counters; cheap, safe to call from any thread. */
  Stats stats();

  @Override
  void close();
}
