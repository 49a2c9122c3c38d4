package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.RedisServerProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  @Test
  void redisTierPut_rejectedWhileDisconnected_olderRedisValueIsNotServedAfterReconnect()
      throws Exception {
    TestStore store = new TestStore();
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      RedisClient admin = RedisClient.create(redis.uri().toString());
      try (CacheStrategy<String, String> cache =
          node(
              store,
              Tiers.redis(redis.uri(), "unsynced", Codec.strings(), Codec.strings())
                  .reconnectDelay(Duration.ofSeconds(1))
                  .build())) {
        cache.put("k", "v1");
        assertEquals(Optional.of("v1"), cache.get("k"));

        assertEquals(1, admin.connect().sync().clientKill(KillArgs.Builder.typeNormal()));
        await(
            "the tier notices",
            () -> cache.stats().part("redis").orElseThrow().degraded() || putFails(cache));
        cache.put("k", "v2"); // stored; Redis, still disconnected, keeps v1
        assertEquals(List.of("v1", "v2"), store.history("k"));

        await(
            "the tier reconnects",
            () -> {
              cache.get("k");
              return !cache.stats().part("redis").orElseThrow().degraded();
            });
        assertEquals(Optional.of("v2"), cache.get("k"));
      } finally {
        admin.shutdown();
      }
    }
  }

  /** Probes the tier with a write of an unrelated key; true once Redis rejects it. */
  private static boolean putFails(CacheStrategy<String, String> cache) {
    cache.put("probe", "x");
    return cache.stats().part("redis").orElseThrow().degraded();
  }

  @Test
  void twoLevelGet_redisReadSpanningASubscriptionDrop_isNotKeptInTheLocalTier() throws Exception {
    TestStore store = new TestStore();
    CountDownLatch decoding = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicBoolean holdNextV1 = new AtomicBoolean();
    Codec<String> pausable =
        Codec.of(
            text -> text,
            text -> {
              if (text.equals("v1") && holdNextV1.compareAndSet(true, false)) {
                decoding.countDown();
                try {
                  resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
              return text;
            });
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      RedisClient admin = RedisClient.create(redis.uri().toString());
      TwoLevelTier<String, String> tierA =
          (TwoLevelTier<String, String>)
              Tiers.redis(redis.uri(), "rejoin", Codec.strings(), pausable)
                  .reconnectDelay(Duration.ofMillis(300))
                  .buildTwoLevel();
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try (CacheStrategy<String, String> nodeA = node(store, tierA);
          CacheStrategy<String, String> nodeB =
              node(
                  store,
                  Tiers.redis(redis.uri(), "rejoin", Codec.strings(), Codec.strings())
                      .buildTwoLevel())) {
        nodeB.put("k", "v1");
        holdNextV1.set(true);
        // Node A reads v1 from Redis and is held before copying it into its local tier.
        Future<Optional<String>> read = reader.submit(() -> nodeA.get("k"));
        assertTrue(decoding.await(10, TimeUnit.SECONDS));

        // A's subscription drops; B's write and its invalidation happen while A cannot hear.
        admin.connect().sync().clientKill(KillArgs.Builder.typePubsub());
        nodeB.put("k", "v2");
        await("node A rejoins", () -> tierA.localDrops() >= 1);
        resume.countDown();
        assertEquals(Optional.of("v1"), read.get(10, TimeUnit.SECONDS));

        assertEquals(Optional.of("v2"), nodeA.get("k"), "A kept a value it missed the change of");
      } finally {
        reader.shutdownNow();
        admin.shutdown();
      }
    }
  }
}
