package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcBackingStoreTest {

  /** The store behaviour both H2 and PostgreSQL must show; the IT runs it on PostgreSQL. */
  static void checkStoreContract(DataSource database, String table) {
    BackingStore<Long, String> store =
        BackingStores.jdbc(database, table, Codec.longs(), Codec.strings());
    assertEquals(Optional.empty(), store.load(1L));

    store.store(1L, "one");
    store.store(1L, "uno");
    Map<Long, String> batch = new LinkedHashMap<>();
    batch.put(2L, "two");
    batch.put(3L, "three with 'quotes' and ünïcödé");
    store.storeAll(batch);

    assertEquals(Optional.of("uno"), store.load(1L));
    assertEquals(Optional.of("two"), store.load(2L));
    assertEquals(Optional.of("three with 'quotes' and ünïcödé"), store.load(3L));

    // A second store over the existing table sees the same data.
    BackingStore<Long, String> reopened =
        BackingStores.jdbc(database, table, Codec.longs(), Codec.strings());
    assertEquals(Optional.of("uno"), reopened.load(1L));
  }

  @Test
  void h2Store_loadsWhatWasStored_andUpserts() {
    checkStoreContract(H2.newDatabase(), "items");
  }

  @Test
  void h2Store_unpairedSurrogates_roundTripAsDistinctKeys() {
    BackingStore<String, String> store =
        BackingStores.jdbc(H2.newDatabase(), "lone", Codec.strings(), Codec.strings());
    store.store("x\uD800", "high");
    store.store("x\uDC00", "low \uDC00");

    assertEquals(Optional.of("high"), store.load("x\uD800"));
    assertEquals(Optional.of("low \uDC00"), store.load("x\uDC00"));
    assertEquals(Optional.empty(), store.load("x\uD801"));
  }

  @Test
  void tableName_thatIsNotAPlainIdentifier_isRejectedWithTheName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BackingStores.jdbc(
                    H2.newDatabase(), "items; DROP TABLE x", Codec.strings(), Codec.strings()));
    assertTrue(e.getMessage().contains("items; DROP TABLE x"), e.getMessage());
  }

  @Test
  void durableQueue_overANonJdbcStore_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BackingStores.durableQueue(BackingStores.<String, String>inMemory()));
  }
}
