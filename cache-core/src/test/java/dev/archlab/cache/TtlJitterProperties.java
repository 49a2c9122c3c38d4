package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class TtlJitterProperties {

  @Property(tries = 200)
  void freshPeriod_liesWithinTtlMinusJitterAndTtl(
      @ForAll @LongRange(min = 1, max = 10_000_000) long ttlMillis,
      @ForAll @DoubleRange(min = 0, max = 0.99) double jitter,
      @ForAll @DoubleRange(min = 0, max = 0.99) double u) {
    TestStore store = new TestStore();
    store.data.store("k", "v");
    ManualClock clock = new ManualClock();
    CacheTier<String, String> tier = Tiers.caffeine(10, clock);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .tier(tier)
            .clock(clock)
            .ttl(Duration.ofMillis(ttlMillis))
            .ttlJitter(jitter)
            .random(() -> u)
            .readThrough()) {
      cache.get("k");
      CacheEntry<String> entry = tier.get("k");

      long fresh = entry.freshUntilMillis() - entry.writtenAtMillis();
      assertTrue(fresh <= ttlMillis, "fresh " + fresh + " > ttl " + ttlMillis);
      assertTrue(
          fresh >= Math.floor(ttlMillis * (1 - jitter)),
          "fresh " + fresh + " below ttl*(1-jitter) for ttl " + ttlMillis + " jitter " + jitter);
    }
  }

  @Property(tries = 20)
  void keysLoadedTogether_expireSpreadOverTheJitterRange(@ForAll long seed) {
    TestStore store = new TestStore();
    ManualClock clock = new ManualClock();
    CacheTier<String, String> tier = Tiers.caffeine(10_000, clock);
    SplittableRandom random = new SplittableRandom(seed);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .tier(tier)
            .clock(clock)
            .ttl(Duration.ofSeconds(100))
            .ttlJitter(0.2)
            .random(random::nextDouble)
            .readThrough()) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < 1_000; i++) {
        store.data.store("k" + i, "v");
        cache.get("k" + i);
        long freshUntil = tier.get("k" + i).freshUntilMillis();
        min = Math.min(min, freshUntil);
        max = Math.max(max, freshUntil);
      }
      // 1,000 uniform draws over a 20 s range cover well over half of it.
      assertTrue(max - min > 15_000, "expiries spread over only " + (max - min) + " ms");
    }
  }
}
