package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every read is counted once by the strategy (hit, miss or stale serve) and once by its local tier
 * (hit or miss): the strategy's own look-ups on a miss are not readers' look-ups.
 */
class StatsConsistencyTest {

  /** One step of a single-threaded workload on keys 0..3. */
  private record Step(int kind, String key) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers()
        .between(0, 4)
        .flatMap(kind -> Arbitraries.integers().between(0, 3).map(key -> new Step(kind, "k" + key)))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void readsAreCountedOnce_byTheStrategy_andByItsTier(
      @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 0, max = 2) int which) {
    TestStore store = new TestStore();
    for (int k = 0; k < 4; k++) {
      store.data.store("k" + k, "v" + k);
    }
    ManualClock clock = new ManualClock();
    Caches.Builder<String, String> builder =
        Caches.builder((BackingStore<String, String>) store)
            .clock(clock)
            .ttl(Duration.ofSeconds(10))
            .ttlJitter(0);
    long reads = 0;
    try (CacheStrategy<String, String> cache =
        switch (which) {
          case 0 -> builder.readThrough();
          case 1 -> builder.writeThrough();
          default -> builder.cacheAside();
        }) {
      for (Step step : steps) {
        switch (step.kind()) {
          case 0, 1 -> {
            cache.get(step.key());
            reads++;
          }
          case 2 -> cache.put(step.key(), "w");
          case 3 -> cache.invalidate(step.key());
          default -> clock.advance(6_000);
        }
      }
      CacheStats stats = cache.stats();
      CacheStats tier = stats.parts().get(0);
      assertEquals(reads, stats.hits() + stats.misses() + stats.staleServes(), stats.toString());
      assertEquals(reads, tier.hits() + tier.misses(), stats.toString());
      assertEquals(stats.misses(), tier.misses(), stats.toString());
    }
  }

  @Test
  void failedBackgroundRefresh_withinStaleIfError_isNoStaleServe_onlyTheReaderIs() {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .clock(clock)
            .ttl(Duration.ofSeconds(10))
            .ttlJitter(0)
            .staleWhileRevalidate(Duration.ofSeconds(10))
            .staleIfError(Duration.ofMinutes(1))
            .refreshExecutor(Runnable::run) // the refresh runs inside the read
            .readThrough()) {
      assertEquals(Optional.of("1"), cache.get("k"));
      clock.advance(11_000);
      store.failing(true);

      assertEquals(Optional.of("1"), cache.get("k"));
      CacheStats stats = cache.stats();
      assertEquals(1, stats.loadFailures(), stats.toString());
      assertEquals(1, stats.staleServes(), "one read was served stale: " + stats);
      assertEquals(2, stats.hits() + stats.misses() + stats.staleServes(), stats.toString());
    }
  }
}
