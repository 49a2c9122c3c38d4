package dev.archlab.cache;

import dev.archlab.testsupport.IntegrationServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcBackingStoreIT {

  private static DataSource postgres() {
    IntegrationServers.Postgres server = IntegrationServers.postgres();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(server.jdbcUrl());
    dataSource.setUser(server.user());
    dataSource.setPassword(server.password());
    return dataSource;
  }

  private static void drop(DataSource database, String... tables) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  @Test
  void postgresStore_loadsWhatWasStored_andUpserts() throws SQLException {
    DataSource database = postgres();
    drop(database, "cache_it_items");
    JdbcBackingStoreTest.checkStoreContract(database, "cache_it_items");
  }

  @Test
  void postgresDurableQueue_crashLosesNothing() throws SQLException {
    DataSource database = postgres();
    drop(database, "videos", "videos_wbq");
    WriteBehindTest.crashAndRecover(database);
  }
}
