package dev.archlab.id;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One ticket server: a database that hands out the ids congruent to its offset modulo the number of
 * servers (Flickr's odd/even scheme, generalised to k of n).
 *
 * <p>Single tickets come from a database sequence created with {@code START WITH k INCREMENT BY n}.
 * Blocks for segment mode come from a counter row bumped by {@code size * n} in one atomic
 * statement ({@code UPDATE ... RETURNING} on PostgreSQL, {@code FINAL TABLE (UPDATE ...)} on H2),
 * which commits before the ids are used. The sequence and the counter row are separate namespaces:
 * a ticket group and a segment group must not share a name.
 */
final class JdbcTicketServer {
  private final DataSource dataSource;
  private final String name;
  private final int offset;
  private final int serverCount;
  private final String counterTable;
  private final Duration statementTimeout;
  private volatile boolean sequenceReady;
  private volatile boolean counterReady;
  private volatile SqlDialect dialect = SqlDialect.H2;

  JdbcTicketServer(
      DataSource dataSource,
      String name,
      int offset,
      int serverCount,
      String counterTable,
      Duration statementTimeout) {
    this.dataSource = dataSource;
    this.statementTimeout = statementTimeout;
    this.name = SqlDialect.identifier("ticket counter name", name);
    this.counterTable = SqlDialect.identifier("segment table name", counterTable);
    this.offset = offset;
    this.serverCount = serverCount;
  }

  int offset() {
    return offset;
  }

  int serverCount() {
    return serverCount;
  }

  @Override
  public String toString() {
    return "ticket server " + offset + " of " + serverCount + " (" + name + ")";
  }

  /** Fills {@code into[from, from + count)} with fresh tickets in one round trip. */
  void nextTickets(long[] into, int from, int count) throws SQLException {
    try (Connection connection = connect()) {
      ensureSequence(connection);
      try (PreparedStatement select = connection.prepareStatement(dialect.nextValues(name))) {
        select.setInt(1, count);
        try (ResultSet rows = select.executeQuery()) {
          int filled = 0;
          while (rows.next()) {
            into[from + filled++] = rows.getLong(1);
          }
          if (filled != count) {
            throw new SQLException("asked the sequence for " + count + " values, got " + filled);
          }
        }
        commitIfNeeded(connection);
      }
    }
  }

  /**
   * Reserves {@code size} ids and returns the first; the block is {@code first, first + n, ...,
   * first + (size - 1) * n}. The reservation is committed when this method returns.
   */
  long reserveBlock(long size) throws SQLException {
    try (Connection connection = connect()) {
      ensureCounter(connection);
      long step = Math.multiplyExact(size, serverCount);
      try (PreparedStatement update =
          connection.prepareStatement(dialect.addAndReturn(counterTable))) {
        update.setLong(1, step);
        update.setString(2, name);
        try (ResultSet rows = update.executeQuery()) {
          if (!rows.next()) {
            throw new SQLException("counter row '" + name + "' vanished from " + counterTable);
          }
          long next = rows.getLong(1);
          commitIfNeeded(connection);
          return next - step;
        }
      }
    }
  }

  /** A connection whose statements fail after the statement timeout instead of hanging. */
  private Connection connect() throws SQLException {
    return SqlDialect.bounded(dataSource.getConnection(), statementTimeout);
  }

  /** A cheap statement that fails when the server is unreachable. */
  void probe() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  private void ensureSequence(Connection connection) throws SQLException {
    if (sequenceReady) {
      return;
    }
    dialect = SqlDialect.of(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE SEQUENCE IF NOT EXISTS "
              + name
              + " START WITH "
              + offset
              + " INCREMENT BY "
              + serverCount);
    } catch (SQLException e) {
      // Two nodes creating the sequence at once: one loses the catalog race, the sequence exists.
      if (!SqlDialect.isAlreadyExists(e)) {
        throw e;
      }
    }
    commitIfNeeded(connection);
    checkSequenceMatches(connection);
    sequenceReady = true;
  }

  private void checkSequenceMatches(Connection connection) throws SQLException {
    String sql =
        "SELECT start_value, increment FROM information_schema.sequences"
            + " WHERE UPPER(sequence_name) = UPPER(?) AND sequence_schema = CURRENT_SCHEMA";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("sequence " + name + " not found after CREATE SEQUENCE");
        }
        long start = Long.parseLong(rows.getString(1).trim());
        long increment = Long.parseLong(rows.getString(2).trim());
        if (start != offset || increment != serverCount) {
          throw new IllegalStateException(
              "sequence "
                  + name
                  + " exists with START WITH "
                  + start
                  + " INCREMENT BY "
                  + increment
                  + ", but this server is configured as "
                  + offset
                  + " of "
                  + serverCount
                  + " (START WITH "
                  + offset
                  + " INCREMENT BY "
                  + serverCount
                  + "); list the servers in the same order on every node");
        }
      }
    }
  }

  private void ensureCounter(Connection connection) throws SQLException {
    if (counterReady) {
      return;
    }
    dialect = SqlDialect.of(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + counterTable
              + " (name VARCHAR(128) PRIMARY KEY, next_value BIGINT NOT NULL,"
              + " first_value BIGINT NOT NULL, stride INT NOT NULL)");
    } catch (SQLException e) {
      if (!SqlDialect.isAlreadyExists(e)) {
        throw e;
      }
    }
    commitIfNeeded(connection);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + counterTable
                + " (name, next_value, first_value, stride) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, name);
      insert.setLong(2, offset);
      insert.setLong(3, offset);
      insert.setInt(4, serverCount);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!SqlDialect.isDuplicateKey(e)) {
        throw e;
      }
    }
    commitIfNeeded(connection);
    checkCounterMatches(connection);
    counterReady = true;
  }

  private void checkCounterMatches(Connection connection) throws SQLException {
    String sql = "SELECT first_value, stride FROM " + counterTable + " WHERE name = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("counter row '" + name + "' missing from " + counterTable);
        }
        long first = rows.getLong(1);
        long stride = rows.getLong(2);
        if (first != offset || stride != serverCount) {
          throw new IllegalStateException(
              "segment counter "
                  + name
                  + " in "
                  + counterTable
                  + " was created as server "
                  + first
                  + " of "
                  + stride
                  + ", but this server is configured as "
                  + offset
                  + " of "
                  + serverCount
                  + "; list the servers in the same order on every node");
        }
      }
    }
  }

  private static void commitIfNeeded(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }
}
