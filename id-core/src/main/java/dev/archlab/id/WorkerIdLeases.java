package dev.archlab.id;

import com.google.common.annotations.VisibleForTesting;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Worker ids leased from a database table, so that two live nodes never stamp the same worker id at
 * the same time and a dead node's id returns to the pool after its time to live.
 *
 * <pre>{@code
 * try (WorkerIdLeases.Lease lease =
 *     WorkerIdLeases.jdbc(dataSource, 1023, Duration.ofSeconds(10)).open()) {
 *   // hand the lease to a Snowflake generator
 * }
 * }</pre>
 *
 * <p>How it works: one row per worker id ({@code worker_id, holder, epoch, expires_at_ms,
 * high_water_ms, stamp_limit_ms}); a node takes an expired row by compare-and-set on its epoch (the
 * fencing token), or inserts the lowest unused id, so ids are reused and never exceed the maximum
 * however often nodes restart. Expiry is decided with the database's clock. A background heartbeat
 * renews every third of the time to live; the node itself stops stamping a safety margin before the
 * grant it last saw confirmed would expire, and for good once a renewal finds the epoch changed.
 * The next holder of an id never stamps at or below the last time the previous holder could have
 * stamped.
 *
 * <p>Works on H2 and PostgreSQL. Thread-safe.
 *
 * <p>Limitations: the lease's wall clock ({@link System#currentTimeMillis()}) must be the clock the
 * generator stamps with; a database clock that jumps forward can expire live leases early.
 *
 * @since 0.1
 */
public final class WorkerIdLeases {
  /** Default lease table. */
  public static final String DEFAULT_TABLE = "archlab_worker_leases";

  private WorkerIdLeases() {}

  /**
   * A lease held from a table in {@code dataSource}.
   *
   * @param maxWorkerId largest worker id to hand out (1023 for 10 worker bits)
   * @param ttl how long a grant lasts without renewal; 300 ms to 365 days
   */
  public static Builder jdbc(DataSource dataSource, int maxWorkerId, Duration ttl) {
    return new Builder(dataSource, maxWorkerId, ttl);
  }

  /**
   * A worker-id lease that renews itself in the background until closed.
   *
   * @since 0.1
   */
  public interface Lease extends WorkerIdLease, AutoCloseable {
    /** The worker id held right now (per the node's own monotonic deadline), or -1. */
    int currentWorkerId();

    /** The epoch of the current grant; it grows with every acquisition of the same id. */
    long fencingToken();

    /** This node's name in the lease table. */
    String holder();

    /** Stops stamping at once, then releases the id for the next holder. */
    @Override
    void close();
  }

  /**
   * Options of a JDBC lease. Not thread-safe; each option may be set once.
   *
   * @since 0.1
   */
  public static final class Builder {
    private static final Duration MIN_TTL = Duration.ofMillis(300);
    // Far beyond any sensible lease, and far enough from overflowing epoch-millisecond sums.
    private static final Duration MAX_TTL = Duration.ofDays(365);

    private final DataSource dataSource;
    private final int maxWorkerId;
    private final Duration ttl;
    private final Set<String> set = new HashSet<>();
    private String table = DEFAULT_TABLE;
    private String holder = defaultHolder();
    private Duration safetyMargin;
    private LeaseClock clock = LeaseClock.SYSTEM;
    private boolean background = true;

    private Builder(DataSource dataSource, int maxWorkerId, Duration ttl) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      Objects.requireNonNull(ttl, "ttl");
      if (maxWorkerId < 0) {
        throw new IllegalArgumentException("maxWorkerId must be >= 0, was " + maxWorkerId);
      }
      if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
        throw new IllegalArgumentException(
            "ttl must be between " + MIN_TTL + " and " + MAX_TTL + ", was " + ttl);
      }
      this.maxWorkerId = maxWorkerId;
      this.ttl = ttl;
      this.safetyMargin = ttl.dividedBy(5);
    }

    /** Lease table name (created when missing); default {@value #DEFAULT_TABLE}. */
    public Builder table(String name) {
      once("table");
      this.table = SqlDialect.identifier("lease table name", name);
      return this;
    }

    /** This node's name in the table, for operators; default pid and a random tag. */
    public Builder holder(String name) {
      once("holder");
      Objects.requireNonNull(name, "holder");
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException(
            "holder must be 1 to 200 characters, was '" + name + "'");
      }
      this.holder = name;
      return this;
    }

    /**
     * How long before the confirmed expiry the node stops stamping; default a fifth of the time to
     * live. Covers clock-rate drift between node and database and scheduling delays.
     */
    public Builder safetyMargin(Duration margin) {
      once("safetyMargin");
      Objects.requireNonNull(margin, "safetyMargin");
      if (margin.isNegative() || margin.compareTo(ttl.dividedBy(2)) > 0) {
        throw new IllegalArgumentException(
            "safetyMargin must be between 0 and half the ttl (" + ttl + "), was " + margin);
      }
      this.safetyMargin = margin;
      return this;
    }

    @VisibleForTesting
    Builder clock(LeaseClock clock) {
      once("clock");
      this.clock = clock;
      return this;
    }

    /** Tests drive heartbeats by hand instead of through the background thread. */
    @VisibleForTesting
    Builder manualHeartbeat() {
      once("manualHeartbeat");
      this.background = false;
      return this;
    }

    /**
     * Acquires a worker id and starts the heartbeat.
     *
     * @throws IdGenerationException when every id from 0 to maxWorkerId is held by a live node, or
     *     the database cannot be reached
     */
    public Lease open() {
      return openJdbc();
    }

    @VisibleForTesting
    JdbcWorkerIdLease openJdbc() {
      return new JdbcWorkerIdLease(
          dataSource,
          table,
          maxWorkerId,
          ttl.toMillis(),
          safetyMargin.toMillis(),
          holder,
          clock,
          background);
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private static String defaultHolder() {
      return "pid-"
          + ProcessHandle.current().pid()
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
