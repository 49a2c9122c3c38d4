package dev.archlab.benchmarks.cache;

import dev.archlab.cache.BackingStore;
import dev.archlab.cache.BackingStores;
import dev.archlab.cache.CacheStrategy;
import dev.archlab.cache.Caches;
import dev.archlab.cache.Codec;
import dev.archlab.cache.Tiers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A read-through hit served by the Redis tier beside one plain Lettuce GET of a value of the same
 * size (target: the same single round trip). Needs a Redis at {@code ARCHLAB_REDIS_URI} (default
 * {@code redis://127.0.0.1:6379}).
 *
 * <p>Run: {@code ARCHLAB_REDIS_URI=redis://127.0.0.1:56379 java -jar
 * benchmarks/target/benchmarks.jar RedisHitBenchmark -f 1}.
 */
@State(Scope.Benchmark)
// One fork: a network round trip dominates, not JIT decisions.
@Fork(1)
// Round trips settle quickly; five measured seconds show the spread.
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisHitBenchmark {

  /** A plain GET, or a hit through the strategy and the Redis tier. */
  public enum Path {
    PLAIN_GET,
    REDIS_TIER_HIT
  }

  @Param Path path;

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> plain;
  private CacheStrategy<Long, String> strategy;
  private String plainKey;

  @Setup(Level.Trial)
  public void setUp() {
    String uri = System.getenv().getOrDefault("ARCHLAB_REDIS_URI", "redis://127.0.0.1:6379");
    String value = "v".repeat(64);
    client = RedisClient.create(uri);
    connection = client.connect();
    plain = connection.sync();
    plainKey = "bench-plain-" + UUID.randomUUID();
    plain.set(plainKey, "1700000000000:1700000000000:1700000000000:1:" + value);

    BackingStore<Long, String> store = BackingStores.inMemory();
    store.store(1L, value);
    strategy =
        Caches.builder(store)
            .tier(
                Tiers.redis(
                        URI.create(uri),
                        "bench-" + UUID.randomUUID(),
                        Codec.longs(),
                        Codec.strings())
                    .build())
            .ttl(Duration.ofHours(1))
            .readThrough();
    if (!strategy.get(1L).equals(Optional.of(value)) || strategy.stats().loads() != 1) {
      throw new IllegalStateException("the Redis tier did not load and keep the value");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plain.del(plainKey);
    strategy.close();
    connection.close();
    client.shutdown();
  }

  @Benchmark
  public Object get() {
    return path == Path.PLAIN_GET ? plain.get(plainKey) : strategy.get(1L);
  }
}
