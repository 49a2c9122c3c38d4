package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Redis evictions read by many {@code stats()} callers at once while the server evicts. */
class RedisEvictionsIT {

  @Test
  void concurrentStatsCalls_whileRedisEvicts_countEachEvictionOnce() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      RedisClient admin = RedisClient.create(server.uri().toString());
      try (StatefulRedisConnection<String, String> connection = admin.connect()) {
        RedisCommands<String, String> commands = connection.sync();
        commands.configSet("maxmemory", "2mb");
        commands.configSet("maxmemory-policy", "allkeys-random");
        try (CacheTier<String, String> tier =
            Tiers.redis(server.uri(), "racing", Codec.strings(), Codec.strings()).build()) {
          Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
          Thread filler =
              Thread.ofPlatform()
                  .uncaughtExceptionHandler((thread, error) -> failures.add(error))
                  .start(() -> fill(tier, 3_000));
          List<Thread> readers = new ArrayList<>();
          for (int r = 0; r < 4; r++) {
            readers.add(
                Thread.ofPlatform()
                    .uncaughtExceptionHandler((thread, error) -> failures.add(error))
                    .start(
                        () -> {
                          while (filler.isAlive()) {
                            tier.stats();
                          }
                        }));
          }
          filler.join();
          for (Thread reader : readers) {
            reader.join();
          }
          assertTrue(failures.isEmpty(), failures.toString());

          // INFO itself may evict: bracket the last look; the server started at 0 evictions.
          long evictedBefore = evictedKeys(commands);
          long counted = tier.stats().evictions();
          long evictedAfter = evictedKeys(commands);
          assertTrue(evictedBefore > 0, "2 MB cannot hold 3,000 values of 20 KB");
          assertTrue(
              evictedBefore <= counted && counted <= evictedAfter,
              "counted "
                  + counted
                  + " evictions, the server evicted between "
                  + evictedBefore
                  + " and "
                  + evictedAfter);
        }
      } finally {
        admin.shutdown();
      }
    }
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
}
