package dev.archlab.examples.cache;

import com.google.common.util.concurrent.Striped;
import dev.archlab.cache.CacheStats;
import dev.archlab.cache.CacheStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import org.HdrHistogram.Recorder;

/**
 * Replays a trace against one strategy from several threads: most requests read, a seeded fraction
 * write a new version of the key. It measures request latency with HdrHistogram and counts stale
 * reads: a read that started after a write of the key was acknowledged and still returned an older
 * version.
 */
final class WorkloadRunner {

  /** What one replay measured. */
  record Result(
      String strategy,
      String workload,
      int requests,
      long writes,
      double hitRatio,
      long sourceLoads,
      long p50Micros,
      long p99Micros,
      long staleReads,
      long errors,
      double seconds) {}

  private final int threads;
  private final double writeFraction;
  private final long seed;

  WorkloadRunner(int threads, double writeFraction, long seed) {
    this.threads = threads;
    this.writeFraction = writeFraction;
    this.seed = seed;
  }

  Result run(
      String name,
      AccessTrace trace,
      int from,
      int to,
      CacheStrategy<Long, String> cache,
      SlowStore store,
      Runnable onRequest)
      throws InterruptedException {
    long loadsBefore = store.loads();
    CacheStats before = cache.stats();
    boolean[] isWrite = writePlan(trace.size());
    Recorder latency = new Recorder(3);
    ConcurrentHashMap<Long, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    Striped<Lock> writeLocks = Striped.lock(1024);
    AtomicLong versions = new AtomicLong();
    AtomicInteger next = new AtomicInteger(from);
    LongAdder stale = new LongAdder();
    LongAdder errors = new LongAdder();
    LongAdder writes = new LongAdder();

    long start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int i;
                    while ((i = next.getAndIncrement()) < to) {
                      long key = trace.keys()[i];
                      long began = System.nanoTime();
                      try {
                        if (isWrite[i]) {
                          write(cache, key, acknowledged, writeLocks, versions);
                          writes.increment();
                        } else if (readIsStale(cache, key, acknowledged)) {
                          stale.increment();
                        }
                      } catch (RuntimeException e) {
                        errors.increment();
                      }
                      latency.recordValue(
                          Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began)));
                      onRequest.run();
                    }
                  }));
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    CacheStats after = cache.stats();
    long hits = (after.hits() + after.staleServes()) - (before.hits() + before.staleServes());
    long reads = hits + after.misses() - before.misses();
    var histogram = latency.getIntervalHistogram();
    return new Result(
        name,
        trace.name(),
        to - from,
        writes.sum(),
        reads == 0 ? 0 : (double) hits / reads,
        store.loads() - loadsBefore,
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(99),
        stale.sum(),
        errors.sum(),
        seconds);
  }

  private boolean[] writePlan(int size) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] plan = new boolean[size];
    for (int i = 0; i < size; i++) {
      plan[i] = random.nextDouble() < writeFraction;
    }
    return plan;
  }

  /** Writes under a per-key lock, so version order is the order writes reach the cache. */
  private static void write(
      CacheStrategy<Long, String> cache,
      long key,
      ConcurrentHashMap<Long, AtomicLong> acknowledged,
      Striped<Lock> locks,
      AtomicLong versions) {
    Lock lock = locks.get(key);
    lock.lock();
    try {
      long version = versions.incrementAndGet();
      cache.put(key, key + ":" + version);
      acknowledged.computeIfAbsent(key, k -> new AtomicLong()).accumulateAndGet(version, Math::max);
    } finally {
      lock.unlock();
    }
  }

  private static boolean readIsStale(
      CacheStrategy<Long, String> cache, long key, ConcurrentHashMap<Long, AtomicLong> acked) {
    AtomicLong ack = acked.get(key);
    long mustSee = ack == null ? 0 : ack.get();
    Optional<String> value = cache.get(key);
    if (value.isEmpty()) {
      return true;
    }
    String text = value.get();
    long version = Long.parseLong(text, text.indexOf(':') + 1, text.length(), 10);
    return version < mustSee;
  }
}
