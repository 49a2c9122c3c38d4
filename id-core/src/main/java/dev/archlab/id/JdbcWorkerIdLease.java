package dev.archlab.id;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A worker-id lease in a database table, one row per worker id.
 *
 * Acquire: read the database clock, then take an expired row by compare-and-set on its epoch
 * (UPDATE ... WHERE worker_id = ? AND epoch = ? AND expires_at_ms < now), or insert the lowest
 * unused id (a unique-key clash means another node was faster: try again). Ids therefore never
 * grow past maxWorkerId, however many nodes restart.
 *
 * Trust: the node measures its grant from before it read the database clock, so its own deadline
 * (start + ttl - margin) falls before the database expiry (database now + ttl) that other nodes go
 * by. The hot path compares the stamp time with that deadline on the wall clock; a watchdog on
 * the monotonic clock withdraws the id if the wall clock jumped backwards.
 *
 * Handover: every grant records stamp_limit_ms, the wall time below which its holder stamps, and
 * renewals record high_water_ms. The next holder of the id starts strictly after both, so two
 * holders of one id never stamp the same millisecond even with skewed node clocks.
 */
final class JdbcWorkerIdLease implements WorkerIdLeases.Lease {
  private static final Logger log = LoggerFactory.getLogger(JdbcWorkerIdLease.class);
  private static final int MAX_ATTEMPTS = 32;

  /** What the hot path reads: one immutable snapshot, published with one volatile write. */
  private record Grant(
      int workerId, long epoch, long notBefore, long validUntilNanos, long validUntilWall) {}

  private static final Grant NONE =
      new Grant(-1, 0, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);

  private final DataSource dataSource;
  private final String table;
  private final int maxWorkerId;
  private final long ttlMillis;
  private final long trustMillis;
  private final String holder;
  private final LeaseClock clock;
  private final @Nullable ScheduledExecutorService heartbeat;
  private final SqlDialect dialect;

  private volatile Grant current = NONE;
  private volatile long issuedUpTo = Long.MIN_VALUE;

  /** The last grant the database confirmed; a late renewal may revive it. Guarded by this. */
  private Grant lastConfirmed = NONE;

  /** Set first thing in close(), so a heartbeat still in flight cannot publish a grant again. */
  private volatile boolean closing;

  private boolean closed;
  private boolean degraded;

  JdbcWorkerIdLease(
      DataSource dataSource,
      String table,
      int maxWorkerId,
      long ttlMillis,
      long safetyMarginMillis,
      String holder,
      LeaseClock clock,
      boolean background) {
    this.dataSource = dataSource;
    this.table = table;
    this.maxWorkerId = maxWorkerId;
    this.ttlMillis = ttlMillis;
    this.trustMillis = ttlMillis - safetyMarginMillis;
    this.holder = holder;
    this.clock = clock;
    try (Connection connection = connect()) {
      this.dialect = SqlDialect.of(connection);
      createTable(connection);
      publish(acquire(connection));
    } catch (SQLException e) {
      throw new IdGenerationException("could not lease a worker id from " + table, e);
    }
    if (background) {
      heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("archlab-lease-heartbeat").factory());
      scheduleNext(ttlMillis / 3);
    } else {
      heartbeat = null;
    }
  }

  @Override
  public int workerIdAt(long epochMillis) {
    Grant grant = current;
    return epochMillis > grant.notBefore && epochMillis < grant.validUntilWall
        ? grant.workerId
        : -1;
  }

  @Override
  public long notBeforeEpochMillis() {
    return current.notBefore;
  }

  @Override
  public void recordIssuedUpTo(long epochMillis) {
    if (epochMillis > issuedUpTo) {
      issuedUpTo = epochMillis;
    }
  }

  @Override
  public int currentWorkerId() {
    Grant grant = current;
    return clock.monotonicNanos() - grant.validUntilNanos < 0 ? grant.workerId : -1;
  }

  @Override
  public long fencingToken() {
    return current.epoch;
  }

  @Override
  public String holder() {
    return holder;
  }

  @Override
  public String toString() {
    Grant grant = current;
    return "worker-id lease " + grant.workerId + " epoch " + grant.epoch + " held by " + holder;
  }

  /**
   * One heartbeat: withdraw a grant past its monotonic deadline, then renew it (or, when it was
   * lost to another node, acquire a fresh id). Returns true when a grant is held afterwards.
   */
  synchronized boolean heartbeatNow() {
    if (closed) {
      return false;
    }
    withdrawIfPastDeadline();
    try (Connection connection = connect()) {
      Grant grant = lastConfirmed.workerId >= 0 ? renew(connection) : NONE;
      if (grant == NONE) {
        grant = acquire(connection);
      }
      publish(grant);
      if (degraded) {
        degraded = false;
        log.info("{}: heartbeat recovered", this);
      }
      return true;
    } catch (SQLException | IdGenerationException e) {
      if (!degraded) {
        degraded = true;
        log.warn("{}: heartbeat failed, ids stop at the lease deadline: {}", this, e.toString());
      }
      return false;
    }
  }

  /** Withdraws the grant when the node's own monotonic deadline has passed. */
  synchronized void withdrawIfPastDeadline() {
    Grant grant = current;
    if (grant != NONE && clock.monotonicNanos() - grant.validUntilNanos >= 0) {
      current = NONE;
      log.warn("{}: lease deadline passed without renewal; stopped issuing", holder);
    }
  }

  @Override
  public void close() {
    // Stop stamping now, even while a heartbeat holds the lock waiting on the database.
    closing = true;
    current = NONE;
    release();
  }

  private synchronized void release() {
    if (closed) {
      return;
    }
    closed = true;
    Grant released = lastConfirmed;
    current = NONE;
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    if (released.workerId < 0) {
      return;
    }
    // The node stamped only below its wall clock: the next holder may start right after it.
    String sql =
        "UPDATE "
            + table
            + " SET expires_at_ms = ?, high_water_ms = GREATEST(high_water_ms, ?),"
            + " stamp_limit_ms = LEAST(stamp_limit_ms, ?)"
            + " WHERE worker_id = ? AND epoch = ? AND holder = ?";
    try (Connection connection = connect()) {
      long wallNow = clock.wallMillis();
      long dbNow = clock.databaseMillis(connection, dialect);
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        update.setLong(1, dbNow - 1);
        update.setLong(2, Math.max(issuedUpTo, wallNow));
        update.setLong(3, wallNow);
        update.setInt(4, released.workerId);
        update.setLong(5, released.epoch);
        update.setString(6, holder);
        update.executeUpdate();
      }
      commitIfNeeded(connection);
    } catch (SQLException e) {
      // Not released: the id returns to the pool when its ttl runs out instead.
      log.warn(
          "{}: release failed, id {} frees at expiry: {}", holder, released.workerId, e.toString());
    }
  }

  private void scheduleNext(long delayMillis) {
    ScheduledExecutorService executor = heartbeat;
    if (executor == null || executor.isShutdown()) {
      return;
    }
    try {
      executor.schedule(this::backgroundTick, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      log.debug("{}: heartbeat stopped", holder);
    }
  }

  private void backgroundTick() {
    boolean held;
    try {
      held = heartbeatNow();
    } catch (RuntimeException e) {
      log.warn("{}: heartbeat crashed: {}", holder, e.toString());
      held = false;
    }
    long delay = held ? ttlMillis / 3 : Math.max(50, ttlMillis / 10);
    // Wake up at the deadline too, so the watchdog withdraws a grant that could not be renewed.
    Grant grant = current;
    if (grant != NONE) {
      long untilDeadline =
          TimeUnit.NANOSECONDS.toMillis(grant.validUntilNanos - clock.monotonicNanos());
      delay = Math.min(delay, Math.max(1, untilDeadline));
    }
    scheduleNext(delay);
  }

  private void publish(Grant grant) {
    lastConfirmed = grant;
    if (!closing) {
      current = grant;
    }
  }

  /**
   * A connection whose statements fail after a third of the ttl instead of hanging, so a database
   * that stops answering delays neither the watchdog nor close() past the lease deadline.
   */
  private Connection connect() throws SQLException {
    return SqlDialect.bounded(
        dataSource.getConnection(), Duration.ofMillis(Math.max(100, ttlMillis / 3)));
  }

  private Grant renew(Connection connection) throws SQLException {
    Grant held = lastConfirmed;
    long startNanos = clock.monotonicNanos();
    long startWall = clock.wallMillis();
    long dbNow = clock.databaseMillis(connection, dialect);
    long validUntilWall = startWall + trustMillis;
    String sql =
        "UPDATE "
            + table
            + " SET expires_at_ms = ?, high_water_ms = GREATEST(high_water_ms, ?),"
            + " stamp_limit_ms = GREATEST(stamp_limit_ms, ?)"
            + " WHERE worker_id = ? AND epoch = ? AND holder = ?";
    int updated;
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, dbNow + ttlMillis);
      update.setLong(2, issuedUpTo);
      update.setLong(3, validUntilWall);
      update.setInt(4, held.workerId);
      update.setLong(5, held.epoch);
      update.setString(6, holder);
      updated = update.executeUpdate();
    }
    commitIfNeeded(connection);
    if (updated == 1) {
      return new Grant(
          held.workerId,
          held.epoch,
          held.notBefore,
          startNanos + TimeUnit.MILLISECONDS.toNanos(trustMillis),
          validUntilWall);
    }
    // Fenced: another node took the id after our grant expired in the database.
    current = NONE;
    lastConfirmed = NONE;
    log.warn("{}: worker id {} was taken over (fenced); acquiring another", holder, held.workerId);
    return NONE;
  }

  private Grant acquire(Connection connection) throws SQLException {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long startNanos = clock.monotonicNanos();
      long startWall = clock.wallMillis();
      long dbNow = clock.databaseMillis(connection, dialect);
      long validUntilNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(trustMillis);
      long validUntilWall = startWall + trustMillis;

      List<long[]> expired = expiredRows(connection, dbNow);
      for (long[] row : expired) {
        Grant grant =
            takeOver(connection, (int) row[0], row[1], dbNow, validUntilNanos, validUntilWall);
        if (grant != null) {
          return grant;
        }
      }
      int free = lowestUnusedId(connection);
      if (free < 0) {
        if (expired.isEmpty()) {
          throw allTaken(connection, dbNow);
        }
        continue;
      }
      if (insert(connection, free, dbNow, validUntilWall)) {
        return new Grant(free, 1, Long.MIN_VALUE, validUntilNanos, validUntilWall);
      }
    }
    throw new IdGenerationException(
        "could not lease a worker id from "
            + table
            + " after "
            + MAX_ATTEMPTS
            + " attempts: other nodes kept taking the same ids");
  }

  /** Expired rows, least recently expired first, rotated randomly to spread concurrent starts. */
  private List<long[]> expiredRows(Connection connection, long dbNow) throws SQLException {
    String sql =
        "SELECT worker_id, epoch FROM "
            + table
            + " WHERE expires_at_ms < ? AND worker_id <= ? ORDER BY expires_at_ms, worker_id"
            + " LIMIT 8";
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, dbNow);
      select.setInt(2, maxWorkerId);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(new long[] {result.getInt(1), result.getLong(2)});
        }
      }
    }
    if (rows.size() > 1) {
      Collections.rotate(rows, ThreadLocalRandom.current().nextInt(rows.size()));
    }
    return rows;
  }

  private @Nullable Grant takeOver(
      Connection connection,
      int workerId,
      long epoch,
      long dbNow,
      long validUntilNanos,
      long validUntilWall)
      throws SQLException {
    // Right-hand sides read the old row: the floor absorbs the previous holder's stamp limit.
    String sql =
        "UPDATE "
            + table
            + " SET holder = ?, epoch = epoch + 1, expires_at_ms = ?,"
            + " high_water_ms = GREATEST(high_water_ms, stamp_limit_ms), stamp_limit_ms = ?"
            + " WHERE worker_id = ? AND epoch = ? AND expires_at_ms < ?";
    int updated;
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, holder);
      update.setLong(2, dbNow + ttlMillis);
      update.setLong(3, validUntilWall);
      update.setInt(4, workerId);
      update.setLong(5, epoch);
      update.setLong(6, dbNow);
      updated = update.executeUpdate();
    } catch (SQLException e) {
      // H2 may report a concurrent update of the same row instead of matching zero rows.
      log.debug("lost the race for worker id {}: {}", workerId, e.toString());
      rollbackQuietly(connection);
      return null;
    }
    commitIfNeeded(connection);
    if (updated != 1) {
      return null;
    }
    long floor;
    String read = "SELECT high_water_ms FROM " + table + " WHERE worker_id = ? AND epoch = ?";
    try (PreparedStatement select = connection.prepareStatement(read)) {
      select.setInt(1, workerId);
      select.setLong(2, epoch + 1);
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return null;
        }
        floor = result.getLong(1);
      }
    }
    return new Grant(workerId, epoch + 1, floor, validUntilNanos, validUntilWall);
  }

  /** The lowest id without a row, found by walking the ids in order (no bitmap of the range). */
  private int lowestUnusedId(Connection connection) throws SQLException {
    long free = 0;
    String sql = "SELECT worker_id FROM " + table + " WHERE worker_id <= ? ORDER BY worker_id";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, maxWorkerId);
      try (ResultSet result = select.executeQuery()) {
        while (result.next() && result.getInt(1) == free) {
          free++;
        }
      }
    }
    return free <= maxWorkerId ? (int) free : -1;
  }

  private boolean insert(Connection connection, int workerId, long dbNow, long validUntilWall)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " (worker_id, holder, epoch, expires_at_ms, high_water_ms, stamp_limit_ms)"
            + " VALUES (?, ?, 1, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setInt(1, workerId);
      insert.setString(2, holder);
      insert.setLong(3, dbNow + ttlMillis);
      insert.setLong(4, Long.MIN_VALUE);
      insert.setLong(5, validUntilWall);
      insert.executeUpdate();
      commitIfNeeded(connection);
      return true;
    } catch (SQLException e) {
      if (SqlDialect.isDuplicateKey(e)) {
        rollbackQuietly(connection);
        return false;
      }
      throw e;
    }
  }

  private IdGenerationException allTaken(Connection connection, long dbNow) throws SQLException {
    String sql = "SELECT MIN(expires_at_ms) FROM " + table + " WHERE worker_id <= ?";
    long earliest;
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, maxWorkerId);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        earliest = result.getLong(1);
      }
    }
    return new IdGenerationException(
        "all "
            + (maxWorkerId + 1)
            + " worker ids (0 to "
            + maxWorkerId
            + ") in "
            + table
            + " are leased by live nodes; the first expires in "
            + Math.max(0, earliest - dbNow)
            + " ms unless renewed. Stop a node, or use a layout with more worker bits");
  }

  private void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (worker_id INT PRIMARY KEY, holder VARCHAR(200) NOT NULL,"
              + " epoch BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL,"
              + " high_water_ms BIGINT NOT NULL, stamp_limit_ms BIGINT NOT NULL)");
    } catch (SQLException e) {
      if (!SqlDialect.isAlreadyExists(e)) {
        throw e;
      }
    }
    commitIfNeeded(connection);
  }

  private static void commitIfNeeded(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      log.debug("rollback failed: {}", e.toString());
    }
  }
}
