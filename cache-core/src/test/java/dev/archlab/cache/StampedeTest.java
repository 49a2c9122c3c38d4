package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StampedeTest {
  private static final int READERS = 1_000;

  /** Starts READERS threads reading one key while its first load is held; returns the values. */
  private static List<Optional<String>> concurrentMisses(
      CacheStrategy<String, String> cache, TestStore store) throws InterruptedException {
    TestStore.Gate gate = store.holdNextLoad("hot");
    AtomicInteger started = new AtomicInteger();
    ConcurrentLinkedQueue<Optional<String>> results = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      readers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    started.incrementAndGet();
                    results.add(cache.get("hot"));
                  }));
    }
    assertTrue(gate.arrived.await(10, TimeUnit.SECONDS), "no load started");
    while (started.get() < READERS) {
      Thread.sleep(1);
    }
    Thread.sleep(100); // let every reader reach the miss path before the load completes
    gate.release.countDown();
    for (Thread reader : readers) {
      reader.join(10_000);
    }
    return List.copyOf(results);
  }

  @Test
  void readThrough_thousandConcurrentMissesOnOneKey_causeExactlyOneLoad() throws Exception {
    TestStore store = new TestStore();
    store.data.store("hot", "value");
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store).readThrough()) {
      List<Optional<String>> results = concurrentMisses(cache, store);

      assertEquals(READERS, results.size());
      assertTrue(results.stream().allMatch(Optional.of("value")::equals));
      assertEquals(1, store.loads());
      assertEquals(1, cache.stats().loads());
    }
  }

  /** Found by StampedeBenchmark: a caller that missed just as the leader finished loaded again. */
  @Test
  void readThrough_callersReleasedTogetherOnFreshKeys_causeOneLoadPerKey() throws Exception {
    TestStore store = new TestStore();
    store.loadDelay(2);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store).readThrough()) {
      for (int round = 0; round < 50; round++) {
        String key = "fresh" + round;
        store.data.store(key, "v");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
          callers.add(
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          start.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        cache.get(key);
                      }));
        }
        start.countDown();
        for (Thread caller : callers) {
          caller.join(10_000);
        }
        assertEquals(round + 1, store.loads(), "loads after round " + round);
      }
    }
  }

  @Test
  void cacheAsideWithoutSingleFlight_concurrentMisses_stampedeTheSource() throws Exception {
    TestStore store = new TestStore();
    store.data.store("hot", "value");
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store).cacheAside()) {
      concurrentMisses(cache, store);

      assertTrue(store.loads() > 1, "expected a stampede, loads=" + store.loads());
    }
  }

  @Test
  void leasesAcrossNodesSharingATier_concurrentMisses_causeOneLoad() throws Exception {
    TestStore store = new TestStore();
    store.data.store("hot", "value");
    CacheTier<String, String> shared = Tiers.caffeine(100);
    // Two "nodes" without single-flight share one tier: only the lease holder loads.
    CacheStrategy<String, String> nodeA =
        Caches.builder((BackingStore<String, String>) store)
            .tier(shared)
            .singleFlight(false)
            .leaseTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(20))
            .readThrough();
    CacheStrategy<String, String> nodeB =
        Caches.builder((BackingStore<String, String>) store)
            .tier(shared)
            .singleFlight(false)
            .leaseTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(20))
            .readThrough();
    TestStore.Gate gate = store.holdNextLoad("hot");
    Thread first = Thread.ofVirtual().start(() -> nodeA.get("hot"));
    assertTrue(gate.arrived.await(10, TimeUnit.SECONDS));
    List<Thread> others = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      CacheStrategy<String, String> node = i % 2 == 0 ? nodeA : nodeB;
      others.add(
          Thread.ofVirtual().start(() -> assertEquals(Optional.of("value"), node.get("hot"))));
    }
    Thread.sleep(50);
    gate.release.countDown();
    first.join(10_000);
    for (Thread other : others) {
      other.join(10_000);
    }

    assertEquals(1, store.loads());
    nodeA.close();
    nodeB.close();
  }

  @Test
  void xfetch_nearExpiry_recomputesEarlyOnce_farFromExpiry_doesNot() {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    store.loadDelay(20);
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        CacheStrategyContract.preset(store, clock).xfetch(1.0).random(() -> 0.5).readThrough()) {
      cache.get("k");
      store.data.store("k", "2");

      // delta >= 20 ms, u = 0.5: the early window is delta * ln 2 >= 13.8 ms before expiry.
      clock.advance(CacheStrategyContract.TTL.toMillis() - 5_000);
      assertEquals(Optional.of("1"), cache.get("k"));
      assertEquals(1, store.loads());

      clock.advance(5_000 - 5);
      assertEquals(Optional.of("2"), cache.get("k"));
      assertEquals(2, store.loads());
    }
  }

  @Test
  void staleWhileRevalidate_withinWindow_servesOldValueAndRefreshesOnce() {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        CacheStrategyContract.preset(store, clock)
            .staleWhileRevalidate(Duration.ofSeconds(5))
            .readThrough()) {
      cache.get("k");
      store.data.store("k", "2");
      clock.advance(CacheStrategyContract.TTL.toMillis() + 1_000);

      assertEquals(Optional.of("1"), cache.get("k"));
      assertEquals(Optional.of("2"), cache.get("k"));
      assertEquals(2, store.loads());
      assertEquals(1, cache.stats().staleServes());
    }
  }

  @Test
  void staleIfError_sourceDown_servesStaleWithinBoundThenFailsClearly() {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        CacheStrategyContract.preset(store, clock)
            .staleIfError(Duration.ofSeconds(30))
            .readThrough()) {
      cache.get("k");
      store.failing(true);

      clock.advance(CacheStrategyContract.TTL.toMillis() + 20_000);
      assertEquals(Optional.of("1"), cache.get("k"));
      assertEquals(1, cache.stats().staleServes());
      assertTrue(cache.stats().degraded());

      clock.advance(11_000);
      CacheException e = assertThrows(CacheException.class, () -> cache.get("k"));
      assertTrue(e.getMessage().contains("stale-if-error bound of 30000 ms"), e.getMessage());

      store.failing(false);
      assertEquals(Optional.of("1"), cache.get("k"));
      assertTrue(!cache.stats().degraded(), "source recovered, still degraded");
    }
  }

  @Test
  void readThrough_loadThrowsAnError_concurrentWaitersGetItInsteadOfHanging() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    BackingStore<String, String> failing =
        new BackingStore<>() {
          @Override
          public Optional<String> load(String key) {
            loading.countDown();
            awaitQuietly(fail);
            throw new AssertionError("loader broke for " + key);
          }

          @Override
          public void store(String key, String value) {}
        };
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (CacheStrategy<String, String> cache = Caches.builder(failing).readThrough()) {
      Future<Optional<String>> leader = callers.submit(() -> cache.get("k"));
      assertTrue(loading.await(10, TimeUnit.SECONDS));
      Future<Optional<String>> waiter = callers.submit(() -> cache.get("k"));
      Thread.sleep(100); // let the waiter join the leader's flight
      fail.countDown();

      for (Future<Optional<String>> caller : List.of(leader, waiter)) {
        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof AssertionError, String.valueOf(failed.getCause()));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
