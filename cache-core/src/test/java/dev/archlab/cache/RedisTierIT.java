package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.IntegrationServers;
import dev.archlab.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedisTierIT {
  private final String namespace = "it-" + UUID.randomUUID();

  private Tiers.RedisTierBuilder<String, String> redis() {
    return Tiers.redis(IntegrationServers.redis(), namespace, Codec.strings(), Codec.strings());
  }

  @Test
  void entry_roundTripsWithItsTimes_andInvalidateRemovesIt() {
    try (CacheTier<String, String> tier = redis().build()) {
      long now = System.currentTimeMillis();
      CacheEntry<String> entry =
          new CacheEntry<>("a:b:c value", now, now + 60_000, now + 90_000, 7);
      tier.put("k", entry);

      assertEquals(entry, tier.get("k"));
      tier.invalidate("k");
      assertNull(tier.get("k"));
      assertEquals(1, tier.stats().hits());
      assertEquals(1, tier.stats().misses());
    }
  }

  @Test
  void serverEvictions_areCountedAsTheTiersEvictions_acrossARestart() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      RedisClient admin = RedisClient.create(server.uri().toString());
      try (StatefulRedisConnection<String, String> connection = admin.connect();
          CacheTier<String, String> tier =
              Tiers.redis(server.uri(), "evicting", Codec.strings(), Codec.strings()).build()) {
        RedisCommands<String, String> commands = connection.sync();
        commands.configSet("maxmemory", "2mb");
        commands.configSet("maxmemory-policy", "allkeys-random");
        assertEquals(0, tier.stats().evictions());

        fill(tier, 400);
        // Any command over maxmemory may evict, INFO included: bracket the tier's own look.
        long evictedBefore = evictedKeys(commands);
        long counted = tier.stats().evictions();
        long evicted = evictedKeys(commands);
        assertTrue(evictedBefore > 0, "2 MB cannot hold 400 values of 20 KB");
        assertTrue(
            evictedBefore <= counted && counted <= evicted,
            counted + " not within [" + evictedBefore + ", " + evicted + "]");

        server.stop();
        server.startAgain(); // a new run id; evicted_keys restarts at 0
        connection.sync().configSet("maxmemory", "2mb");
        connection.sync().configSet("maxmemory-policy", "allkeys-random");
        awaitReconnected(tier);
        fill(tier, 400);
        long restartedBefore = evictedKeys(connection.sync());
        long countedAcrossRestart = tier.stats().evictions();
        long restartedAfter = evictedKeys(connection.sync());
        assertTrue(restartedBefore > 0);
        assertTrue(
            counted + restartedBefore <= countedAcrossRestart
                && countedAcrossRestart <= evicted + restartedAfter,
            countedAcrossRestart + " after a restart, first run counted " + counted);
      } finally {
        admin.shutdown();
      }
    }
  }

  /** Polls until a put through the tier is readable again (the client reconnects by itself). */
  private static void awaitReconnected(CacheTier<String, String> tier) throws InterruptedException {
    long now = System.currentTimeMillis();
    CacheEntry<String> probe = new CacheEntry<>("probe", now, now + 600_000, now + 600_000, 0);
    for (int i = 0; i < 300; i++) {
      tier.put("probe", probe);
      if (tier.get("probe") != null) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the tier did not reconnect within 30 s");
  }

  private static void fill(CacheTier<String, String> tier, int count) {
    long now = System.currentTimeMillis();
    String big = "x".repeat(20_000);
    for (int i = 0; i < count; i++) {
      tier.put("k" + i, new CacheEntry<>(big, now, now + 600_000, now + 600_000, 0));
    }
  }

  private static long evictedKeys(RedisCommands<String, String> commands) {
    for (String line : commands.info("stats").split("\r?\n")) {
      if (line.startsWith("evicted_keys:")) {
        return Long.parseLong(line.substring("evicted_keys:".length()).trim());
      }
    }
    throw new AssertionError("no evicted_keys in INFO stats");
  }

  @Test
  void leases_areExclusive_andAWriteRevokesThem() {
    try (CacheTier<String, String> tier = redis().build()) {
      long now = System.currentTimeMillis();
      CacheEntry<String> old = new CacheEntry<>("old", now, now + 60_000, now + 60_000, 1);
      CacheEntry<String> fresh = new CacheEntry<>("new", now, now + 60_000, now + 60_000, 0);

      long lease = tier.acquireLease("k", 10_000);
      assertTrue(lease > 0);
      assertEquals(CacheTier.LEASE_HELD_ELSEWHERE, tier.acquireLease("k", 10_000));

      tier.put("k", fresh); // a write lands while the lease holder is loading
      assertFalse(tier.putIfLeaseHeld("k", lease, old));
      assertEquals("new", tier.get("k").value());

      long second = tier.acquireLease("k2", 10_000);
      tier.releaseLease("k2", second);
      assertTrue(tier.acquireLease("k2", 10_000) > 0);
    }
  }

  @Test
  void twoNodes_slowFillAfterOtherNodesWrite_isRefused() throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "old");
    try (CacheStrategy<String, String> nodeA =
            Caches.builder((BackingStore<String, String>) store)
                .tier(redis().build())
                .readThrough();
        CacheStrategy<String, String> nodeB =
            Caches.builder((BackingStore<String, String>) store)
                .tier(redis().build())
                .readThrough()) {
      TestStore.Gate gate = store.holdNextLoad("k");
      Thread slow = Thread.ofPlatform().start(() -> nodeA.get("k"));
      assertTrue(gate.arrived.await(10, TimeUnit.SECONDS));

      nodeB.put("k", "new");
      gate.release.countDown();
      slow.join(10_000);

      assertEquals(Optional.of("new"), nodeA.get("k"));
      assertEquals(Optional.of("new"), nodeB.get("k"));
    }
  }

  @Test
  void twoLevel_aWriteOnOneNode_invalidatesTheOtherNodesLocalCopy() throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "v1");
    try (CacheStrategy<String, String> nodeA =
            Caches.builder((BackingStore<String, String>) store)
                .tier(redis().buildTwoLevel())
                .ttl(Duration.ofMinutes(5))
                .writeThrough();
        CacheStrategy<String, String> nodeB =
            Caches.builder((BackingStore<String, String>) store)
                .tier(redis().buildTwoLevel())
                .ttl(Duration.ofMinutes(5))
                .writeThrough()) {
      assertEquals(Optional.of("v1"), nodeA.get("k"));
      assertEquals(Optional.of("v1"), nodeA.get("k")); // now in A's local tier
      assertTrue(nodeA.stats().part("caffeine").orElseThrow().hits() >= 1);

      nodeB.put("k", "v2");
      assertEquals(Optional.of("v2"), nodeB.get("k"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      Optional<String> seen = nodeA.get("k");
      while (!seen.equals(Optional.of("v2")) && System.nanoTime() < deadline) {
        Thread.sleep(5);
        seen = nodeA.get("k");
      }
      assertEquals(Optional.of("v2"), seen, "node A kept its stale local copy");
      assertEquals(1, store.loads(), "v2 should come from Redis, not the store");
    }
  }

  @Test
  void keysDifferingOnlyInUnpairedSurrogates_areRejectedInsteadOfSharingOneRedisKey() {
    try (CacheTier<String, String> tier = redis().build()) {
      long now = System.currentTimeMillis();
      tier.put("x\uD83D\uDE00", new CacheEntry<>("paired", now, now + 60_000, now + 60_000, 0));

      IllegalArgumentException rejected =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  tier.put("x\uD800", new CacheEntry<>("v1", now, now + 60_000, now + 60_000, 0)));
      assertTrue(rejected.getMessage().contains("U+D800 at index 1"), rejected.getMessage());
      assertThrows(IllegalArgumentException.class, () -> tier.get("x\uD801"));
      assertThrows(IllegalArgumentException.class, () -> tier.acquireLease("x\uD801", 1_000));
      assertEquals("paired", tier.get("x\uD83D\uDE00").value());
      assertFalse(tier.stats().degraded(), "bad input is not a Redis outage");
    }
  }

  @Test
  void writeThrough_valueWithAnUnpairedSurrogate_isServedUnchangedFromTheStore() {
    TestStore store = new TestStore();
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .tier(redis().buildTwoLevel())
            .writeThrough()) {
      cache.put("k", "clean");
      cache.put("k", "lone \uDC00");
      assertEquals(Optional.of("lone \uDC00"), cache.get("k"));
      assertEquals(Optional.of("lone \uDC00"), cache.get("k"));
    }
    try (CacheStrategy<String, String> otherNode =
        Caches.builder((BackingStore<String, String>) store).tier(redis().build()).readThrough()) {
      assertEquals(Optional.of("lone \uDC00"), otherNode.get("k"), "Redis kept no mangled copy");
    }
  }

  @Test
  void entryAndLease_withForeverTimes_areStoredWithoutDegradingTheTier() {
    try (CacheTier<String, String> tier = redis().build()) {
      long now = System.currentTimeMillis();
      CacheEntry<String> forever = new CacheEntry<>("v", now, Long.MAX_VALUE, Long.MAX_VALUE, 0);
      tier.put("k", forever);

      assertEquals(forever, tier.get("k"));
      assertTrue(tier.acquireLease("l", Long.MAX_VALUE) > 0);
      assertEquals(CacheTier.LEASE_HELD_ELSEWHERE, tier.acquireLease("l", Long.MAX_VALUE));
      assertFalse(tier.stats().degraded(), "Redis accepted both expiries");
    }
  }
}
