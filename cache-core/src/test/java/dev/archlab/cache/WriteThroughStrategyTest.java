package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteThroughStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).writeThrough();
  }

  @Override
  public String expectedName() {
    return "write-through";
  }

  @Test
  void put_withForeverTtlAndStaleWindows_cachesWithoutWrappingIntoThePast() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    TestStore store = new TestStore();
    ManualClock clock = new ManualClock();
    CacheTier<String, String> tier = Tiers.caffeine(100, clock);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .tier(tier)
            .clock(clock)
            .ttl(forever)
            .ttlJitter(0)
            .staleWhileRevalidate(Duration.ofMillis(Long.MAX_VALUE))
            .staleIfError(forever)
            .leaseTimeouts(forever, Duration.ZERO)
            .writeThrough()) {
      cache.put("a", "1");
      clock.advance(Duration.ofDays(365L * 50).toMillis());

      assertEquals(Optional.of("1"), cache.get("a"));
      assertEquals(0, store.loads(), "served from the cache");
      long lease = tier.acquireLease("b", Long.MAX_VALUE);
      assertTrue(lease > 0);
      assertEquals(CacheTier.LEASE_HELD_ELSEWHERE, tier.acquireLease("b", Long.MAX_VALUE));
      assertNotEquals(CacheTier.LEASE_UNAVAILABLE, lease);
    }
  }
}
