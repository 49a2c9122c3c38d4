package dev.archlab.id;

import com.google.common.annotations.VisibleForTesting;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Entry point for the built-in Snowflake and UUIDv7 generators.
 *
 * <p>Example:
 *
 * <pre>{@code
 * IdGenerator ids = IdGenerators.snowflake(SnowflakeLayout.twitter())
 *     .workerId(7)
 *     .timestampStore(TimestampStores.file(Path.of("/var/lib/app/id-mark")))
 *     .build();
 * long id = ids.nextId();
 * }</pre>
 *
 * @since 0.1
 */
public final class IdGenerators {

  /**
   * The default bound on waiting out a backwards clock: 10 ms, enough for the small steps NTP and
   * virtual-machine pauses cause, short enough not to stall callers noticeably.
   *
   * @since 0.1
   */
  public static final Duration DEFAULT_MAX_BACKWARD_WAIT = Duration.ofMillis(10);

  // Longer waits would stall callers for days and overflow the millisecond arithmetic of waits.
  private static final Duration MAX_BACKWARD_WAIT_LIMIT = Duration.ofDays(1);

  private IdGenerators() {}

  /**
   * Starts building a Snowflake generator with the given layout. A worker id (fixed or leased) is
   * required: there is deliberately no default, because replicas sharing a default would issue the
   * same ids.
   *
   * @since 0.1
   */
  public static SnowflakeBuilder snowflake(SnowflakeLayout layout) {
    return new SnowflakeBuilder(Objects.requireNonNull(layout, "layout"));
  }

  /**
   * A generator of RFC 9562 version 7 UUIDs (Unix milliseconds, then random bits kept increasing
   * within a millisecond), implemented with java-uuid-generator.
   *
   * @since 0.1
   */
  public static UuidGenerator uuidV7() {
    return new JugUuidV7Generator();
  }

  /**
   * Configures a Snowflake generator. Each option may be set once; setting it again, or setting
   * both a fixed worker id and a lease, throws {@link IllegalStateException} naming the option. Not
   * thread-safe.
   *
   * @since 0.1
   */
  public static final class SnowflakeBuilder {
    private final SnowflakeLayout layout;
    private @Nullable WorkerIdLease lease;
    private @Nullable String leaseOption;
    private @Nullable InstantSource timeSource;
    private @Nullable Duration maxBackwardWait;
    private @Nullable TimestampStore timestampStore;
    private ClockWaiter waiter = ClockWaiter.PARK_THEN_SPIN;

    private SnowflakeBuilder(SnowflakeLayout layout) {
      this.layout = layout;
    }

    /**
     * A statically assigned worker id, unique among live nodes.
     *
     * @throws IllegalArgumentException when it does not fit the layout's worker field
     * @since 0.1
     */
    public SnowflakeBuilder workerId(int workerId) {
      requireWorkerUnset("workerId");
      layout.checkWorkerId(workerId);
      this.lease = WorkerIdLease.fixed(workerId);
      this.leaseOption = "workerId";
      return this;
    }

    /**
     * A worker id leased from a coordination store; see {@link WorkerIdLease}.
     *
     * @since 0.1
     */
    public SnowflakeBuilder workerIdLease(WorkerIdLease workerIdLease) {
      requireWorkerUnset("workerIdLease");
      this.lease = Objects.requireNonNull(workerIdLease, "workerIdLease");
      this.leaseOption = "workerIdLease";
      return this;
    }

    /**
     * The clock stamped on ids; {@link InstantSource#system()} by default.
     *
     * @since 0.1
     */
    public SnowflakeBuilder timeSource(InstantSource source) {
      requireUnset("timeSource", timeSource);
      this.timeSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * How long a backwards clock may be waited out; a larger regression fails at once with a {@link
     * ClockMovedBackwardsException}. {@link #DEFAULT_MAX_BACKWARD_WAIT} by default; zero makes
     * every regression fail.
     *
     * @throws IllegalArgumentException when negative or longer than a day (callers would block for
     *     that long)
     * @since 0.1
     */
    public SnowflakeBuilder maxBackwardWait(Duration wait) {
      requireUnset("maxBackwardWait", maxBackwardWait);
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative() || wait.compareTo(MAX_BACKWARD_WAIT_LIMIT) > 0) {
        throw new IllegalArgumentException(
            "maxBackwardWait must be between 0 and " + MAX_BACKWARD_WAIT_LIMIT + ", was " + wait);
      }
      this.maxBackwardWait = wait;
      return this;
    }

    /**
     * Persists a timestamp high-water mark so a restarted generator on the same store never
     * reissues an old timestamp; none by default.
     *
     * @since 0.1
     */
    public SnowflakeBuilder timestampStore(TimestampStore store) {
      requireUnset("timestampStore", timestampStore);
      this.timestampStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Replaces real waiting, so tests can run a virtual clock that advances when waited on. */
    @VisibleForTesting
    SnowflakeBuilder clockWaiter(ClockWaiter clockWaiter) {
      this.waiter = Objects.requireNonNull(clockWaiter, "clockWaiter");
      return this;
    }

    /**
     * Builds the generator. With a timestamp store, first waits until the clock has passed the
     * stored mark (at most {@code maxBackwardWait} plus the one-second reservation chunk).
     *
     * @throws IllegalStateException when no worker id or lease was set
     * @throws ClockMovedBackwardsException when the clock reads too far behind a stored mark
     * @since 0.1
     */
    public IdGenerator build() {
      WorkerIdLease chosen = lease;
      if (chosen == null) {
        throw new IllegalStateException(
            "no worker id: call workerId(int) or workerIdLease(WorkerIdLease); there is no "
                + "default because replicas sharing one would issue duplicate ids");
      }
      InstantSource clock = timeSource == null ? InstantSource.system() : timeSource;
      Duration wait = maxBackwardWait == null ? DEFAULT_MAX_BACKWARD_WAIT : maxBackwardWait;
      return SnowflakeIdGenerator.start(layout, chosen, clock, wait, timestampStore, waiter);
    }

    private void requireWorkerUnset(String option) {
      if (leaseOption != null) {
        throw new IllegalStateException(
            option + " cannot be set: the worker id was already set by " + leaseOption);
      }
    }

    private static void requireUnset(String option, @Nullable Object current) {
      if (current != null) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
    }
  }
}
