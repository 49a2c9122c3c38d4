package dev.archlab.id;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The three clocks a worker-id lease reads: the database's (decides expiry for every node, so a
 * node with a skewed clock cannot steal a live lease), the node's monotonic clock (how long the
 * node itself trusts a grant) and the node's wall clock (the timestamps its generator stamps).
 * Tests inject all three to move time at will.
 */
interface LeaseClock {
  long databaseMillis(Connection connection, SqlDialect dialect) throws SQLException;

  long monotonicNanos();

  long wallMillis();

  LeaseClock SYSTEM =
      new LeaseClock() {
        @Override
        public long databaseMillis(Connection connection, SqlDialect dialect) throws SQLException {
          try (Statement statement = connection.createStatement();
              ResultSet rows = statement.executeQuery("SELECT " + dialect.nowMillis())) {
            rows.next();
            return rows.getLong(1);
          }
        }

        @Override
        public long monotonicNanos() {
          return System.nanoTime();
        }

        @Override
        public long wallMillis() {
          return System.currentTimeMillis();
        }
      };
}
