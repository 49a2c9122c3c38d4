package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.IntegrationServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
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

  @Test
  void postgresQueueSharedByTwoNodes_eachFlushesOnlyItsOwnRows_andTakeOverIsExplicit()
      throws SQLException {
    DataSource database = postgres();
    drop(database, "shared", "shared_wbq");
    SharedWriteQueueTest.twoNodesShareOneQueueTable(database);
  }

  @Test
  void postgresQueueSharedByTwoLiveNodes_losesNothingAndRefusesNothing() throws Exception {
    DataSource database = postgres();
    drop(database, "busy", "busy_wbq");
    SharedWriteQueueTest.twoLiveNodesWriteAtOnce(database);
  }

  @Test
  void postgresStore_keysOrValuesWithAnUnpairedSurrogate_areRejectedNotMerged()
      throws SQLException {
    DataSource database = postgres();
    drop(database, "cache_it_text", "cache_it_text_wbq");
    BackingStore<String, String> store =
        BackingStores.jdbc(database, "cache_it_text", Codec.strings(), Codec.strings());
    WriteBehindQueue<String, String> queue = BackingStores.durableQueue(store);
    store.store("x\uD83D\uDE00", "paired surrogates are fine \uD83D\uDE00");

    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> store.store("x\uD800", "v1"));
    assertTrue(key.getMessage().contains("U+D800 at index 1"), key.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.load("x\uD801"));
    assertThrows(IllegalArgumentException.class, () -> store.store("k", "v\uDC00"));
    assertThrows(IllegalArgumentException.class, () -> queue.append("x\uD800", "v1"));

    assertEquals(
        Optional.of("paired surrogates are fine \uD83D\uDE00"), store.load("x\uD83D\uDE00"));
    assertEquals(Optional.empty(), store.load("k"));
    assertEquals(0, queue.size());
  }
}
