package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

  private static Caches.Builder<String, String> builder(BackingStore<String, String> store) {
    return Caches.builder(store).ttl(Duration.ofMinutes(1));
  }

  @Test
  void manyWritesToOneKey_areCoalescedAndApplyInOrder() {
    TestStore store = new TestStore();
    CacheStrategy<String, String> cache =
        builder(store)
            .writeBehindBatching(1_000, 1_000, Duration.ofMillis(200), Duration.ofSeconds(1))
            .writeBehind();
    for (int i = 0; i < 100; i++) {
      cache.put("a", "v" + i);
    }
    cache.close();

    List<String> applied = store.history("a");
    assertEquals("v99", applied.get(applied.size() - 1));
    assertTrue(applied.size() < 100, "expected coalescing, store saw " + applied.size());
    int previous = -1;
    for (String value : applied) {
      int index = Integer.parseInt(value.substring(1));
      assertTrue(index > previous, "reordered: " + applied);
      previous = index;
    }
  }

  @Test
  void fullQueue_pushesBackOnWritersWithAClearError_thenRecovers() {
    TestStore store = new TestStore();
    store.failing(true);
    try (CacheStrategy<String, String> cache =
        builder(store)
            .writeBehindBatching(5, 5, Duration.ofMillis(5), Duration.ofMillis(50))
            .writeBehindRetry(Duration.ofMillis(5), Duration.ofMillis(20))
            .writeBehind()) {
      for (int i = 0; i < 5; i++) {
        cache.put("k" + i, "v" + i);
      }
      CacheException full = assertThrows(CacheException.class, () -> cache.put("k5", "v5"));
      assertTrue(full.getMessage().contains("write-behind queue full"), full.getMessage());
      assertTrue(full.getMessage().contains("k5"), full.getMessage());
      assertTrue(cache.stats().degraded(), "failing flushes should show as degraded");

      store.failing(false);
      cache.put("k5", "v5"); // waits for the retried flush to make room
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(Optional.of("v" + i), store.data.load("k" + i));
    }
  }

  @Test
  void failingFlushes_areRetriedWithBackoff_andNothingIsLost() {
    TestStore store = new TestStore();
    store.failNextStores(3);
    CacheStrategy<String, String> cache =
        builder(store)
            .writeBehindBatching(100, 10, Duration.ofMillis(1), Duration.ofSeconds(1))
            .writeBehindRetry(Duration.ofMillis(1), Duration.ofMillis(4))
            .writeBehind();
    cache.put("a", "1");
    cache.put("b", "2");
    cache.close();

    assertEquals(Optional.of("1"), store.data.load("a"));
    assertEquals(Optional.of("2"), store.data.load("b"));
  }

  @Test
  void crashWithVolatileQueue_losesExactlyTheUnflushedWrites() {
    TestStore store = new TestStore();
    WriteBehindStrategy<String, String> cache =
        (WriteBehindStrategy<String, String>)
            builder(store)
                .writeBehindBatching(1_000, 1_000, Duration.ofHours(1), Duration.ofSeconds(1))
                .writeBehind();
    for (int i = 0; i < 20; i++) {
      cache.put("k" + i, "v" + i);
    }
    int unflushedAtCrash = cache.pendingWrites();
    cache.crashForTesting();

    long lost = 0;
    for (int i = 0; i < 20; i++) {
      if (store.data.load("k" + i).isEmpty()) {
        lost++;
      }
    }
    assertEquals(20, unflushedAtCrash);
    assertEquals(unflushedAtCrash, lost);
  }

  @Test
  void crashWithDurableQueueOnH2_loosesNothing_andRestartFlushesIt() {
    DataSource database = H2.newDatabase();
    crashAndRecover(database);
  }

  /** Writes, crashes before any flush, restarts over the same database, checks every write. */
  static void crashAndRecover(DataSource database) {
    BackingStore<String, String> store =
        BackingStores.jdbc(database, "videos", Codec.strings(), Codec.strings());
    WriteBehindStrategy<String, String> crashed =
        (WriteBehindStrategy<String, String>)
            builder(store)
                .writeBehindQueue(BackingStores.durableQueue(store))
                .writeBehindBatching(1_000, 1_000, Duration.ofHours(1), Duration.ofSeconds(1))
                .writeBehind();
    for (int i = 0; i < 20; i++) {
      crashed.put("k" + (i % 7), "v" + i);
    }
    crashed.crashForTesting();
    assertFalse(store.load("k0").isPresent(), "nothing should have been flushed before the crash");

    CacheStrategy<String, String> restarted =
        builder(store)
            .writeBehindQueue(BackingStores.durableQueue(store))
            .writeBehindBatching(1_000, 1_000, Duration.ofHours(1), Duration.ofSeconds(1))
            .writeBehind();
    // Before any flush, reads already see the recovered writes.
    assertEquals(Optional.of("v14"), restarted.get("k0"));
    restarted.close();

    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      int last = k + 7 * ((19 - k) / 7);
      expected.add("v" + last);
      actual.add(store.load("k" + k).orElse("missing"));
    }
    assertEquals(expected, actual);
    assertEquals(0, BackingStores.durableQueue(store).size());
  }

  @Test
  void concurrentWritersOnH2WithDurableQueue_keepEachKeysOrder() throws Exception {
    DataSource database = H2.newDatabase();
    BackingStore<String, String> store =
        BackingStores.jdbc(database, "orders", Codec.strings(), Codec.strings());
    CacheStrategy<String, String> cache =
        builder(store)
            .writeBehindQueue(BackingStores.durableQueue(store))
            .writeBehindBatching(64, 16, Duration.ofMillis(2), Duration.ofSeconds(10))
            .writeBehind();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String key = "key" + w;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      cache.put(key, Integer.toString(i));
                      assertEquals(Optional.of(Integer.toString(i)), cache.get(key));
                    }
                  }));
    }
    for (Thread writer : writers) {
      writer.join();
    }
    cache.close();
    for (int w = 0; w < 4; w++) {
      assertEquals(Optional.of("49"), store.load("key" + w));
    }
  }

  @Test
  void close_whileWritersAreAppending_flushesEveryAcknowledgedWrite() throws Exception {
    for (int round = 0; round < 20; round++) {
      TestStore store = new TestStore();
      CacheStrategy<String, String> cache =
          builder(store)
              .writeBehindBatching(100_000, 100, Duration.ofMillis(5), Duration.ofSeconds(1))
              .writeBehind();
      Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int w = 0; w < 4; w++) {
        String writer = "w" + w + "-";
        writers.execute(
            () -> {
              for (int i = 0; ; i++) {
                try {
                  cache.put(writer + i, "v");
                } catch (IllegalStateException closed) {
                  return;
                }
                acknowledged.add(writer + i);
              }
            });
      }
      Thread.sleep(20);
      cache.close();
      writers.shutdown();
      assertTrue(writers.awaitTermination(10, TimeUnit.SECONDS));

      List<String> lost = new ArrayList<>();
      for (String key : acknowledged) {
        if (store.data.load(key).isEmpty()) {
          lost.add(key);
        }
      }
      assertEquals(List.of(), lost, "round " + round + " of " + acknowledged.size() + " writes");
    }
  }

  @Test
  void put_writeTheStoreCanNeverTake_isRefusedAndLaterWritesStillFlush() {
    BackingStore<String, String> store =
        BackingStores.jdbc(H2.newDatabase(), "items", Codec.strings(), Codec.strings());
    String tooLong = "k".repeat(1_025);
    try (CacheStrategy<String, String> cache =
        builder(store)
            .writeBehindBatching(10, 5, Duration.ofMillis(5), Duration.ofMillis(100))
            .writeBehindCloseTimeout(Duration.ofSeconds(5))
            .writeBehind()) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> cache.put(tooLong, "v"));
      assertTrue(refused.getMessage().contains("at most 1024"), refused.getMessage());
      for (int i = 0; i < 30; i++) {
        cache.put("k" + i, "v" + i);
      }
    }
    assertEquals(Optional.of("v29"), store.load("k29"));
    assertFalse(store.load(tooLong.substring(0, 1_024)).isPresent());
  }
}
