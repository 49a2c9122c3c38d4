package dev.archlab.id;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Ticket-server id generators: a central counter in a database (single tickets) or blocks of ids
 * reserved from it (segment mode), over one or several servers with interleaved offsets and
 * failover.
 *
 * <p>Server {@code k} of {@code n} (1-based, in the order they are added) issues only ids {@code k,
 * k + n, k + 2n, ...}, so servers never collide and any of them can serve while others are down.
 * Every node must list the same servers in the same order; a mismatch is detected from the stored
 * offsets and rejected. Works on H2 (embedded, the default) and PostgreSQL.
 *
 * <pre>{@code
 * try (TicketIdGenerator ids = TicketServers.builder("orders")
 *     .server(primary).server(standby).segments()) {
 *   long id = ids.nextId();
 * }
 * }</pre>
 *
 * <p>Limitations: a ticket group and a segment group with the same name use different database
 * objects (a sequence and a counter row), so they are separate id spaces that may overlap; adding a
 * server to an existing group changes {@code n} and is rejected rather than renumbered.
 *
 * @since 0.1
 */
public final class TicketServers {
  /** Default table holding segment counters. */
  public static final String DEFAULT_SEGMENT_TABLE = "archlab_id_segments";

  /** Default bound on one database call: a server that does not answer within it counts as down. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  private TicketServers() {}

  /**
   * Starts a group of ticket servers for the counter {@code name} (a plain SQL identifier: it names
   * the sequence and the counter row).
   */
  public static Builder builder(String name) {
    Objects.requireNonNull(name, "name");
    SqlDialect.identifier("ticket counter name", name);
    return new Builder(name);
  }

  /**
   * A HikariCP pool for a JDBC URL; the caller closes it. Connection attempts time out after 2
   * seconds so a down server fails over quickly.
   */
  public static HikariDataSource pooled(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /**
   * A pooled embedded in-memory H2 database that lives until the pool closes; the default ticket
   * server for labs and tests.
   */
  public static HikariDataSource h2InMemory(String databaseName) {
    SqlDialect.identifier("database name", databaseName);
    // H2 gives up on a row lock after 2 s by default; bound a wait for the sequence row by the
    // same 5 s as a statement, so a busy machine does not fail callers before the timeout.
    long lockMillis = DEFAULT_STATEMENT_TIMEOUT.toMillis();
    return pooled(
        "jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=" + lockMillis, "sa", "");
  }

  /**
   * Options for a ticket-server group. Not thread-safe; each option may be set once.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String name;
    private final List<DataSource> servers = new ArrayList<>();
    private final Set<String> set = new HashSet<>();
    private String segmentTable = DEFAULT_SEGMENT_TABLE;
    private Duration reprobeInterval = Duration.ofSeconds(2);
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
    private long minBlock = 1_000;
    private long maxBlock = 1_000_000;
    private Duration targetBlockDuration = Duration.ofSeconds(5);
    private double prefetchWhenRemaining = 0.2;
    private long initialBlock = -1;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds the next server; its 1-based position is its offset.
     *
     * @throws IllegalArgumentException when the same data source was already added: two offsets on
     *     one database would share one counter
     */
    public Builder server(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      for (int i = 0; i < servers.size(); i++) {
        if (servers.get(i) == dataSource) {
          throw new IllegalArgumentException(
              "data source "
                  + dataSource
                  + " was already added as server "
                  + (i + 1)
                  + " of "
                  + name
                  + "; each server must be a separate database");
        }
      }
      servers.add(dataSource);
      return this;
    }

    /**
     * Table of segment counters (created when missing); default {@value #DEFAULT_SEGMENT_TABLE}.
     */
    public Builder segmentTable(String table) {
      once("segmentTable");
      this.segmentTable = SqlDialect.identifier("segment table name", table);
      return this;
    }

    /** How often a server marked down is probed again; default 2 s. */
    public Builder reprobeInterval(Duration interval) {
      once("reprobeInterval");
      this.reprobeInterval = positive("reprobeInterval", interval);
      return this;
    }

    /**
     * How long one database call may wait for a server (a lock held elsewhere, a network partition)
     * before the server counts as down and the call fails over; default {@link
     * #DEFAULT_STATEMENT_TIMEOUT}. Needs a driver that supports network timeouts (PostgreSQL does).
     */
    public Builder statementTimeout(Duration timeout) {
      once("statementTimeout");
      this.statementTimeout = positive("statementTimeout", timeout);
      return this;
    }

    /** Bounds of the adaptive block size in segment mode; default 1,000 to 1,000,000. */
    public Builder blockSize(long min, long max) {
      once("blockSize");
      if (min < 1 || max < min || max > (1L << 40)) {
        throw new IllegalArgumentException(
            "block size bounds must satisfy 1 <= min <= max <= 2^40, were min="
                + min
                + " max="
                + max);
      }
      this.minBlock = min;
      this.maxBlock = max;
      return this;
    }

    /** Size of the first block, before any rate is known; default the minimum block size. */
    public Builder initialBlockSize(long size) {
      once("initialBlockSize");
      if (size < 1) {
        throw new IllegalArgumentException("initialBlockSize must be >= 1, was " + size);
      }
      this.initialBlock = size;
      return this;
    }

    /**
     * The block size adapts so that one block lasts about this long at the measured consumption
     * rate (one round trip per period); default 5 s.
     */
    public Builder targetBlockDuration(Duration duration) {
      once("targetBlockDuration");
      this.targetBlockDuration = positive("targetBlockDuration", duration);
      return this;
    }

    /**
     * The next block is fetched in the background when this share of the current block remains;
     * default 0.2.
     */
    public Builder prefetchWhenRemaining(double share) {
      once("prefetchWhenRemaining");
      if (!(share > 0 && share < 1)) {
        throw new IllegalArgumentException(
            "prefetchWhenRemaining must be strictly between 0 and 1, was " + share);
      }
      this.prefetchWhenRemaining = share;
      return this;
    }

    /**
     * One database round trip per id (a sequence {@code nextval}), spread round robin over the
     * servers; {@code nextIds(n)} takes n ids in one round trip.
     */
    public TicketIdGenerator tickets() {
      return new TicketServerIdGenerator(group());
    }

    /**
     * Segment mode: reserves blocks of ids per round trip, double-buffered, sized by the
     * consumption rate. Reserves its first block before returning.
     *
     * @throws IdGenerationException when no server answers
     */
    public TicketIdGenerator segments() {
      long first = initialBlock < 0 ? minBlock : Math.clamp(initialBlock, minBlock, maxBlock);
      return new SegmentIdGenerator(
          group(), minBlock, maxBlock, first, targetBlockDuration, prefetchWhenRemaining);
    }

    private TicketServerGroup group() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("add at least one server before building " + name);
      }
      List<JdbcTicketServer> list = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        list.add(
            new JdbcTicketServer(
                servers.get(i), name, i + 1, servers.size(), segmentTable, statementTimeout));
      }
      return new TicketServerGroup(list, reprobeInterval);
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private static Duration positive(String option, Duration value) {
      Objects.requireNonNull(value, option);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, was " + value);
      }
      return value;
    }
  }
}
