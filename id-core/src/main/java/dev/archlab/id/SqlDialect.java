package dev.archlab.id;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The few statements where H2 and PostgreSQL spell an atomic operation differently.
 *
 * <p>Everything else the ticket servers and leases send is plain SQL both accept. The dialect is
 * detected once per data source from the driver's product name.
 */
enum SqlDialect {
  H2 {
    @Override
    String nowMillis() {
      return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    }

    @Override
    String addAndReturn(String table) {
      return "SELECT next_value FROM FINAL TABLE (UPDATE "
          + table
          + " SET next_value = next_value + ? WHERE name = ?)";
    }

    @Override
    String nextValues(String sequence) {
      return "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, ?)";
    }
  },
  POSTGRESQL {
    @Override
    String nowMillis() {
      // clock_timestamp(), not now(): the time of this statement, not of its transaction.
      return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    @Override
    String addAndReturn(String table) {
      return "UPDATE "
          + table
          + " SET next_value = next_value + ? WHERE name = ? RETURNING next_value";
    }

    @Override
    String nextValues(String sequence) {
      return "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)";
    }
  };

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** An expression for the database server's current time in epoch milliseconds. */
  abstract String nowMillis();

  /** One statement that adds its first parameter to a counter row and returns the new value. */
  abstract String addAndReturn(String table);

  /** One statement returning its parameter's count of fresh values from a sequence. */
  abstract String nextValues(String sequence);

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String lower = product.toLowerCase(Locale.ROOT);
    if (lower.contains("h2")) {
      return H2;
    }
    if (lower.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + product + "': expected H2 or PostgreSQL");
  }

  /**
   * Bounds how long any statement on {@code connection} may wait for the database, so a server that
   * stops answering (a lock held by another session, a network partition) fails the call with an
   * {@link SQLException} instead of hanging it. Drivers without a network timeout ignore it;
   * embedded H2 has none to wait for and bounds lock waits itself.
   */
  static Connection bounded(Connection connection, Duration timeout) throws SQLException {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    try {
      connection.setNetworkTimeout(Runnable::run, millis);
    } catch (SQLFeatureNotSupportedException unsupported) {
      // Nothing to bound: the driver does not wait on a socket.
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Validates a table or sequence name that is spliced into SQL text. */
  static String identifier(String what, String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a plain SQL identifier (letter or underscore, then letters, digits,"
              + " underscores; at most 63 characters), was '"
              + name
              + "'");
    }
    return name;
  }

  /** True for a unique-key violation (SQLSTATE 23505 on both databases). */
  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /**
   * True when a concurrent {@code CREATE ... IF NOT EXISTS} lost the race: PostgreSQL reports a
   * catalog unique violation or "duplicate table/object" instead of skipping.
   */
  static boolean isAlreadyExists(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || "42P07".equals(state) || "42710".equals(state);
  }
}
