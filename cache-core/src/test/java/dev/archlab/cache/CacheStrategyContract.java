package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CacheStrategy} must do, written once. A strategy's test class implements this
 * interface and says how to build the strategy over a {@link TestStore} and a {@link ManualClock};
 * docs/caching.md shows how to run it against a new strategy.
 */
interface CacheStrategyContract {

  /** TTL the contract builds strategies with. */
  Duration TTL = Duration.ofSeconds(10);

  /** A builder preset the contract uses: Caffeine tier on the clock, no jitter, direct refresh. */
  static Caches.Builder<String, String> preset(TestStore store, ManualClock clock) {
    return Caches.builder((BackingStore<String, String>) store)
        .tier(Tiers.caffeine(1_000, clock))
        .clock(clock)
        .ttl(TTL)
        .ttlJitter(0)
        .refreshExecutor(Runnable::run);
  }

  CacheStrategy<String, String> create(TestStore store, ManualClock clock);

  /** The name the strategy reports. */
  String expectedName();

  @Test
  default void put_nullValue_isRejectedAndTheKeyStaysReadable() {
    TestStore store = new TestStore();
    store.data.store("a", "1");
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      NullPointerException rejected =
          assertThrows(NullPointerException.class, () -> cache.put("a", null));
      assertTrue(rejected.getMessage().contains("'a'"), rejected.getMessage());
      assertEquals(Optional.of("1"), cache.get("a"));
      assertEquals(List.of("1"), store.history("a"), "the store never saw the null");
    }
  }

  @Test
  default void get_keyAbsentFromStore_returnsEmpty() {
    TestStore store = new TestStore();
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      assertEquals(Optional.empty(), cache.get("absent"));
    }
  }

  @Test
  default void get_twice_loadsOnceThenHits() {
    TestStore store = new TestStore();
    store.data.store("a", "1");
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      assertEquals(Optional.of("1"), cache.get("a"));
      assertEquals(Optional.of("1"), cache.get("a"));

      assertEquals(1, store.loads());
      CacheStats stats = cache.stats();
      assertEquals(expectedName(), stats.name());
      assertEquals(1, stats.hits());
      assertEquals(1, stats.misses());
      assertEquals(1, stats.loads());
      assertEquals(1, stats.loadLatency().count());
      assertEquals(1, stats.parts().get(0).hits(), "the tier answered the second read");
    }
  }

  @Test
  default void put_thenGet_returnsTheNewValue() {
    TestStore store = new TestStore();
    store.data.store("a", "old");
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      assertEquals(Optional.of("old"), cache.get("a"));
      cache.put("a", "new");
      assertEquals(Optional.of("new"), cache.get("a"));
    }
  }

  @Test
  default void put_reachesTheStoreByClose() {
    TestStore store = new TestStore();
    CacheStrategy<String, String> cache = create(store, new ManualClock());
    cache.put("a", "1");
    cache.put("a", "2");
    cache.close();
    assertEquals(Optional.of("2"), store.data.load("a"));
  }

  @Test
  default void get_afterTtl_reloadsFromStore() {
    TestStore store = new TestStore();
    ManualClock clock = new ManualClock();
    store.data.store("a", "1");
    try (CacheStrategy<String, String> cache = create(store, clock)) {
      cache.get("a");
      store.data.store("a", "2");
      clock.advance(TTL.toMillis() + 1);
      assertEquals(Optional.of("2"), cache.get("a"));
      assertTrue(store.loads() >= 2, "expected a reload, loads=" + store.loads());
    }
  }

  @Test
  default void invalidate_makesTheNextGetLoad() {
    TestStore store = new TestStore();
    store.data.store("a", "1");
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      cache.get("a");
      cache.invalidate("a");
      cache.get("a");
      assertEquals(2, store.loads());
    }
  }

  @Test
  default void get_sourceDownAndNothingCached_throwsCacheExceptionNamingTheKey() {
    TestStore store = new TestStore();
    try (CacheStrategy<String, String> cache = create(store, new ManualClock())) {
      store.failing(true);
      CacheException e = assertThrows(CacheException.class, () -> cache.get("k42"));
      assertTrue(e.getMessage().contains("k42"), e.getMessage());
      assertEquals(1, cache.stats().loadFailures());
      assertTrue(cache.stats().degraded());
    }
  }
}
