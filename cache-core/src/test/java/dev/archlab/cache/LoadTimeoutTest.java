package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A load that never returns ends, for its callers, at the load timeout on the strategy's clock. The
 * manual clock moves only once every caller is parked on the load, so the bound is the only time in
 * these tests.
 */
class LoadTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** A caller on its own thread and what its read ended with. */
  private record Caller(Thread thread, CompletableFuture<Optional<String>> outcome) {
    static Caller start(CacheStrategy<String, String> cache, String key) {
      CompletableFuture<Optional<String>> outcome = new CompletableFuture<>();
      Thread thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      outcome.complete(cache.get(key));
                    } catch (Throwable e) {
                      outcome.completeExceptionally(e);
                    }
                  });
      return new Caller(thread, outcome);
    }

    Throwable failure() throws InterruptedException {
      try {
        Optional<String> value = outcome.get(30, TimeUnit.SECONDS);
        throw new AssertionError("expected the read to fail, it returned " + value);
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      } catch (TimeoutException e) {
        throw new AssertionError("the read is still blocked", e);
      }
    }
  }

  /** Waits until {@code caller} is parked: the only timed wait on the read path is the load. */
  private static void awaitParked(Caller caller) throws InterruptedException {
    for (int i = 0; i < 30_000 && caller.thread().getState() != Thread.State.TIMED_WAITING; i++) {
      Thread.sleep(1);
    }
    assertEquals(Thread.State.TIMED_WAITING, caller.thread().getState(), "caller never parked");
  }

  @Test
  void readThrough_loadThatNeverReturns_failsCallerAndEveryWaiter_thenNextReadLoadsAgain()
      throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    RecordingTier tier = new RecordingTier(Tiers.caffeine(1_000, clock));
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .tier(tier)
            .clock(clock)
            .ttl(CacheStrategyContract.TTL)
            .loadTimeout(TIMEOUT)
            .readThrough()) {
      TestStore.Gate hung = store.holdNextLoad("k");
      List<Caller> callers = new ArrayList<>();
      callers.add(Caller.start(cache, "k"));
      assertTrue(hung.arrived.await(30, TimeUnit.SECONDS));
      for (int i = 0; i < 3; i++) {
        callers.add(Caller.start(cache, "k"));
      }
      for (Caller caller : callers) {
        awaitParked(caller);
      }
      assertEquals(1, store.loads(), "the waiters joined the one load");

      clock.advance(TIMEOUT.toMillis());
      for (Caller caller : callers) {
        CacheException timedOut = assertInstanceOf(CacheException.class, caller.failure());
        assertTrue(timedOut.getMessage().contains("key 'k'"), timedOut.getMessage());
        assertTrue(
            timedOut.getMessage().contains("load timeout of 3000 ms"), timedOut.getMessage());
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
      }
      CacheStats stats = cache.stats();
      assertEquals(1, stats.loadFailures(), "one timed-out load, however many waited");
      assertTrue(stats.degraded());

      // The hung load still holds the key's lease; the next read loads without filling.
      assertEquals(Optional.of("1"), cache.get("k"));
      assertEquals(2, store.loads());

      tier.events.clear();
      hung.release.countDown();
      assertEquals("releaseLease", tier.events.poll(30, TimeUnit.SECONDS));
      assertEquals(List.of(), List.copyOf(tier.events), "the late load must not fill");
    }
  }

  @Test
  void cacheAside_withoutSingleFlight_timesOutToo() throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        CacheStrategyContract.preset(store, clock).loadTimeout(TIMEOUT).cacheAside()) {
      TestStore.Gate hung = store.holdNextLoad("k");
      Caller caller = Caller.start(cache, "k");
      assertTrue(hung.arrived.await(30, TimeUnit.SECONDS));
      awaitParked(caller);

      clock.advance(TIMEOUT.toMillis());
      CacheException timedOut = assertInstanceOf(CacheException.class, caller.failure());
      assertTrue(timedOut.getMessage().contains("key 'k'"), timedOut.getMessage());
      assertEquals(Optional.of("1"), cache.get("k"));
      hung.release.countDown();
    }
  }

  @Test
  void timedOutLoad_withAValueWithinStaleIfError_servesIt() throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        CacheStrategyContract.preset(store, clock)
            .staleIfError(Duration.ofMinutes(1))
            .loadTimeout(TIMEOUT)
            .readThrough()) {
      assertEquals(Optional.of("1"), cache.get("k"));
      store.data.store("k", "2");
      clock.advance(CacheStrategyContract.TTL.toMillis() + 1_000);

      TestStore.Gate hung = store.holdNextLoad("k");
      Caller caller = Caller.start(cache, "k");
      assertTrue(hung.arrived.await(30, TimeUnit.SECONDS));
      awaitParked(caller);
      clock.advance(TIMEOUT.toMillis());

      assertEquals(Optional.of("1"), caller.outcome().get(30, TimeUnit.SECONDS));
      assertEquals(1, cache.stats().staleServes());
      hung.release.countDown();
    }
  }

  @Test
  void loadTimeout_mustBePositive() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Caches.builder(BackingStores.<String, String>inMemory())
                    .loadTimeout(Duration.ZERO));
    assertTrue(zero.getMessage().contains("load timeout must be positive"), zero.getMessage());
  }

  /** A tier that reports fills and lease releases, so a test can see what a late load did. */
  private static final class RecordingTier implements CacheTier<String, String> {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CacheTier<String, String> inner;

    RecordingTier(CacheTier<String, String> inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public @Nullable CacheEntry<String> get(String key) {
      return inner.get(key);
    }

    @Override
    public void put(String key, CacheEntry<String> entry) {
      events.add("put");
      inner.put(key, entry);
    }

    @Override
    public void invalidate(String key) {
      inner.invalidate(key);
    }

    @Override
    public void invalidateAll() {
      inner.invalidateAll();
    }

    @Override
    public long acquireLease(String key, long leaseMillis) {
      return inner.acquireLease(key, leaseMillis);
    }

    @Override
    public boolean putIfLeaseHeld(String key, long lease, CacheEntry<String> entry) {
      events.add("putIfLeaseHeld");
      return inner.putIfLeaseHeld(key, lease, entry);
    }

    @Override
    public void releaseLease(String key, long lease) {
      events.add("releaseLease");
      inner.releaseLease(key, lease);
    }

    @Override
    public CacheStats stats() {
      return inner.stats();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
