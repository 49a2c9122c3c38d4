package dev.archlab.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Thread-safe counters and an HdrHistogram of load latency behind one {@link CacheStats}. */
final class StatsRecorder {
  private final String name;
  private final DegradedTracker degraded;
  final LongAdder hits = new LongAdder();
  // Counters shared with another recorder: a strategy and its local tier count a plain hit once.
  private final List<LongAdder> sharedHits = new CopyOnWriteArrayList<>();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder staleServes = new LongAdder();
  final LongAdder evictions = new LongAdder();
  private final Recorder loadMicros = new Recorder(3);
  private final Histogram accumulated = new Histogram(3);

  StatsRecorder(String name, DegradedTracker degraded) {
    this.name = name;
    this.degraded = degraded;
  }

  DegradedTracker degraded() {
    return degraded;
  }

  /** Adds {@code counter} to this recorder's hits; it may be counted by another recorder too. */
  void countHitsFrom(LongAdder counter) {
    sharedHits.add(counter);
  }

  private long hits() {
    long sum = hits.sum();
    for (LongAdder shared : sharedHits) {
      sum += shared.sum();
    }
    return sum;
  }

  void recordLoad(long nanos) {
    loads.increment();
    loadMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  CacheStats snapshot(List<CacheStats> parts) {
    LatencySummary latency;
    synchronized (accumulated) {
      accumulated.add(loadMicros.getIntervalHistogram());
      latency =
          accumulated.getTotalCount() == 0
              ? LatencySummary.EMPTY
              : new LatencySummary(
                  accumulated.getTotalCount(),
                  accumulated.getValueAtPercentile(50),
                  accumulated.getValueAtPercentile(90),
                  accumulated.getValueAtPercentile(99),
                  accumulated.getMaxValue());
    }
    return new CacheStats(
        name,
        hits(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        staleServes.sum(),
        evictions.sum(),
        degraded.degradedMillis(),
        degraded.isDegraded(),
        latency,
        parts);
  }
}
