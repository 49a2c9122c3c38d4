package dev.archlab.benchmarks.cache;

import dev.archlab.cache.BackingStore;
import dev.archlab.cache.CacheStrategy;
import dev.archlab.cache.Caches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * N = 1,000 concurrent misses on one fresh key against a source that takes 2 ms per read: with
 * single-flight they must cause exactly one load (checked after every invocation, the run fails
 * otherwise); plain cache-aside shows the stampede it prevents. Reports the time until all 1,000
 * callers have their value.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StampedeBenchmark -f 1}.
 */
@State(Scope.Benchmark)
// One fork; each invocation starts 1,000 virtual threads, so iterations are single shots.
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StampedeBenchmark {
  static final int CALLERS = 1_000;

  /** With or without coalescing of concurrent misses. */
  public enum Control {
    SINGLE_FLIGHT,
    NONE
  }

  @Param Control control;

  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong nextKey = new AtomicLong();
  private CacheStrategy<Long, String> cache;
  private long loadsBefore;

  /** A source with a 2 ms read latency that counts its loads. */
  private final class SlowSource implements BackingStore<Long, String> {
    private final Map<Long, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> load(Long key) {
      loads.incrementAndGet();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      return Optional.of(values.getOrDefault(key, "v" + key));
    }

    @Override
    public void store(Long key, String value) {
      values.put(key, value);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Caches.Builder<Long, String> builder = Caches.builder(new SlowSource());
    cache =
        control == Control.SINGLE_FLIGHT
            ? builder.readThrough()
            : builder.singleFlight(false).cacheAside();
  }

  @Setup(Level.Invocation)
  public void markLoads() {
    loadsBefore = loads.get();
  }

  @TearDown(Level.Invocation)
  public void checkOneLoad() {
    long caused = loads.get() - loadsBefore;
    if (control == Control.SINGLE_FLIGHT && caused != 1) {
      throw new IllegalStateException(CALLERS + " concurrent misses caused " + caused + " loads");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cache.close();
  }

  @Benchmark
  public long thousandConcurrentMisses() throws InterruptedException {
    long key = nextKey.incrementAndGet();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> callers = new ArrayList<>(CALLERS);
    for (int i = 0; i < CALLERS; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    cache.get(key);
                  }));
    }
    start.countDown();
    for (Thread caller : callers) {
      caller.join();
    }
    return loads.get() - loadsBefore;
  }
}
