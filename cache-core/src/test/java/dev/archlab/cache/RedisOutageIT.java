package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Redis stopped mid-run and restarted, with a redis-server this test owns. */
class RedisOutageIT {

  private static CacheStrategy<String, String> node(TestStore store, CacheTier<String, String> t) {
    return Caches.builder((BackingStore<String, String>) store)
        .tier(t)
        .ttl(Duration.ofMinutes(5))
        .writeThrough();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void redisStoppedMidRun_servesFromLocalAndSource_warnsOnce_rejoinsAndDropsLocal()
      throws Exception {
    TestStore store = new TestStore();
    for (int i = 0; i < 10; i++) {
      store.data.store("k" + i, "v" + i);
    }
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      TwoLevelTier<String, String> tierA =
          (TwoLevelTier<String, String>)
              Tiers.redis(redis.uri(), "outage", Codec.strings(), Codec.strings())
                  .reconnectDelay(Duration.ofMillis(100))
                  .buildTwoLevel();
      TwoLevelTier<String, String> tierB =
          (TwoLevelTier<String, String>)
              Tiers.redis(redis.uri(), "outage", Codec.strings(), Codec.strings())
                  .reconnectDelay(Duration.ofMillis(100))
                  .buildTwoLevel();
      try (CacheStrategy<String, String> nodeA = node(store, tierA);
          CacheStrategy<String, String> nodeB = node(store, tierB)) {
        for (int i = 0; i < 10; i++) {
          nodeA.get("k" + i);
        }
        long loadsBefore = store.loads();

        redis.stop();
        // Node A answers from its local tier, node B from the source; nobody sees an error.
        for (int round = 0; round < 20; round++) {
          for (int i = 0; i < 10; i++) {
            assertEquals(Optional.of("v" + i), nodeA.get("k" + i));
            assertEquals(Optional.of("v" + i), nodeB.get("k" + i));
          }
        }
        assertEquals(loadsBefore + 10, store.loads(), "only B's first misses reach the source");
        nodeB.put("k0", "changed during outage");
        assertEquals(Optional.of("changed during outage"), nodeB.get("k0"));
        await("node B notices the outage", () -> nodeB.stats().part("two-level").get().degraded());
        assertEquals(1, tierB.remoteHealth().episodes(), "one warning per outage");
        assertEquals(1, tierB.unsentInvalidations());

        redis.startAgain();
        await("node A rejoins and drops its local tier", () -> tierA.localDrops() >= 1);
        await("node B replays its invalidation", () -> tierB.unsentInvalidations() == 0);
        assertEquals(Optional.of("changed during outage"), nodeA.get("k0"));
        await("node A's Redis level is healthy again", () -> !tierA.remoteHealth().isDegraded());
        assertFalse(nodeA.stats().part("redis").orElseThrow().degraded());
        assertTrue(nodeB.stats().part("redis").orElseThrow().degradedMillis() > 0);
      }
    }
  }
}
