package dev.archlab.id;

/**
 * The right to stamp one worker id on Snowflake ids during a span of wall-clock time.
 *
 * <p>A Snowflake generator calls {@link #workerIdAt(long)} for every id, with the clock reading it
 * will stamp on that id, and stamps the returned worker id only when it is not {@code -1}. So a
 * generator never stamps a worker id at a time for which its lease did not grant it, and a lease
 * store may hand the id to the next holder once every previous grant has expired.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #workerIdAt(long)} is on the hot path: a volatile read and a comparison, no I/O, no
 *       lock. Return {@code -1} when no lease is held at that time (expired, lost, fenced).
 *   <li>{@link #notBeforeEpochMillis()} describes the lease whose worker id {@code workerIdAt} last
 *       returned: publish it before the new worker id becomes visible. It is also read for every
 *       id, so it must be as cheap as {@code workerIdAt}. The generator moves to a tick above it
 *       whenever it changes, even if the worker id stays the same.
 *   <li>{@link #recordIssuedUpTo(long)} is called at most about once per second from a thread
 *       issuing ids; it must not block (remember the value and persist it with the next heartbeat).
 *       The value lags behind the newest id by up to that interval, so the next holder's floor
 *       should be the later of the recorded mark and the previous grant's expiry.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface WorkerIdLease {

  /**
   * The worker id this node may stamp on ids at wall-clock time {@code epochMillis}, or {@code -1}
   * when none is held then.
   *
   * @since 0.1
   */
  int workerIdAt(long epochMillis);

  /**
   * A time (Unix epoch milliseconds) at or below which the current worker id must never stamp ids:
   * the high-water mark a previous holder of the same worker id reached. {@link Long#MIN_VALUE}
   * when there is no such floor.
   *
   * @since 0.1
   */
  long notBeforeEpochMillis();

  /**
   * Reports that ids have been stamped up to {@code epochMillis} with the current worker id.
   *
   * @since 0.1
   */
  void recordIssuedUpTo(long epochMillis);

  /**
   * A lease that always holds {@code workerId}, for deployments that assign worker ids statically.
   * The caller guarantees no other live node uses the same id.
   *
   * @throws IllegalArgumentException when {@code workerId} is negative
   * @since 0.1
   */
  static WorkerIdLease fixed(int workerId) {
    if (workerId < 0) {
      throw new IllegalArgumentException("worker id must be >= 0, was " + workerId);
    }
    return new FixedWorkerIdLease(workerId);
  }
}
