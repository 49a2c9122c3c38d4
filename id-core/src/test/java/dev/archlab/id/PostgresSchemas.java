package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import dev.archlab.testsupport.IntegrationServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Uniquely named schemas in the integration PostgreSQL, one per simulated ticket server, dropped
 * with everything in them on close.
 */
final class PostgresSchemas implements AutoCloseable {
  private final IntegrationServers.Postgres pg = IntegrationServers.postgres();
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final List<String> schemas = new ArrayList<>();
  private final List<HikariDataSource> pools = new ArrayList<>();

  /** A pooled data source whose default schema is a fresh, empty one. */
  HikariDataSource newServer() throws SQLException {
    HikariDataSource pool = TicketServers.pooled(newServerUrl(), pg.user(), pg.password());
    pools.add(pool);
    return pool;
  }

  /** A JDBC URL whose default schema is a fresh, empty one. */
  String newServerUrl() throws SQLException {
    String schema = "it_" + runId + "_" + schemas.size();
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  String user() {
    return pg.user();
  }

  String password() {
    return pg.password();
  }

  @Override
  public void close() throws SQLException {
    pools.forEach(HikariDataSource::close);
    for (String schema : schemas) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
