package dev.archlab.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.archlab.cache.BackingStore;
import dev.archlab.cache.BackingStores;
import dev.archlab.cache.CacheStrategy;
import dev.archlab.cache.Caches;
import dev.archlab.cache.Tiers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hit path of each strategy beside a raw Caffeine lookup (target: at most 1.2x). Every
 * implementation runs behind one adapter and serves the same 1,024 preloaded keys; setup checks
 * that each returns the stored value for every key before anything is timed.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CacheHitBenchmark -f 1}; on a shared
 * machine compare the medians of {@code CacheHitBenchmark.hitBatch -bm sample}.
 */
@State(Scope.Benchmark)
// One fork: the hit path is small and steady; add -f 2 to see JVM-to-JVM spread.
@Fork(1)
// Short iterations reach steady state for a map lookup; five measured ones show the spread.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {
  static final int KEYS = 1 << 10;
  static final int BATCH = 64;

  /** What is compared: a raw Caffeine cache and each strategy over a Caffeine tier. */
  public enum Implementation {
    RAW_CAFFEINE(null),
    // The same cache with its loader built once: no capturing lambda per call, so no allocation.
    RAW_CAFFEINE_SHARED_LOADER(null),
    CACHE_ASIDE(Caches.Builder::cacheAside),
    READ_THROUGH(Caches.Builder::readThrough),
    WRITE_THROUGH(Caches.Builder::writeThrough),
    WRITE_BEHIND(Caches.Builder::writeBehind),
    REFRESH_AHEAD(b -> b.refreshAhead(0.8));

    private final Function<Caches.Builder<Long, String>, CacheStrategy<Long, String>> build;

    Implementation(Function<Caches.Builder<Long, String>, CacheStrategy<Long, String>> build) {
      this.build = build;
    }
  }

  /** The one call every implementation answers. */
  interface Lookup extends AutoCloseable {
    Object get(Long key);

    @Override
    default void close() {}
  }

  @Param Implementation implementation;

  private Lookup lookup;
  private final Long[] keys = new Long[KEYS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    BackingStore<Long, String> store = BackingStores.inMemory();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = (long) i;
      store.store(keys[i], "value-" + i);
    }
    lookup = create(implementation, store);
    for (int i = 0; i < KEYS; i++) {
      lookup.get(keys[i]); // load everything once: the benchmark measures hits only
    }
    for (int i = 0; i < KEYS; i++) {
      Object value = lookup.get(keys[i]);
      Object expected = implementation.build == null ? "value-" + i : Optional.of("value-" + i);
      if (!expected.equals(value)) {
        throw new IllegalStateException(implementation + " returned " + value + " for " + i);
      }
    }
  }

  static Lookup create(Implementation implementation, BackingStore<Long, String> store) {
    if (implementation.build == null) {
      Cache<Long, String> raw =
          Caffeine.newBuilder().maximumSize(2 * KEYS).expireAfterWrite(Duration.ofHours(1)).build();
      if (implementation == Implementation.RAW_CAFFEINE) {
        return key -> raw.get(key, k -> store.load(k).orElseThrow());
      }
      Function<Long, String> loader = k -> store.load(k).orElseThrow();
      return key -> raw.get(key, loader);
    }
    CacheStrategy<Long, String> strategy =
        implementation.build.apply(
            Caches.builder(store).tier(Tiers.caffeine(2 * KEYS)).ttl(Duration.ofHours(1)));
    return new Lookup() {
      @Override
      public Object get(Long key) {
        return strategy.get(key);
      }

      @Override
      public void close() {
        strategy.close();
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    lookup.close();
  }

  @Benchmark
  public Object hit() {
    return lookup.get(keys[next++ & (KEYS - 1)]);
  }

  /**
   * The same hit, 64 to a timed sample. Run it with {@code -bm sample}: on a shared machine a
   * sample the scheduler interrupted lands in the tail, so the median per-hit time compares
   * implementations where the mean of {@link #hit()} mostly measures the other processes.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void hitBatch(Blackhole blackhole) {
    for (int i = 0; i < BATCH; i++) {
      blackhole.consume(lookup.get(keys[next++ & (KEYS - 1)]));
    }
  }
}
