package dev.archlab.cache;

import dev.archlab.testsupport.IntegrationServers;
import java.util.UUID;

/** The strategy contract, run against read-through over a real two-level tier. */
class TwoLevelReadThroughIT implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    CacheTier<String, String> tier =
        Tiers.redis(
                IntegrationServers.redis(),
                "it-" + UUID.randomUUID(),
                Codec.strings(),
                Codec.strings())
            .clock(clock)
            .buildTwoLevel();
    return Caches.builder((BackingStore<String, String>) store)
        .tier(tier)
        .clock(clock)
        .ttl(TTL)
        .ttlJitter(0)
        .refreshExecutor(Runnable::run)
        .readThrough();
  }

  @Override
  public String expectedName() {
    return "read-through";
  }
}
