package dev.archlab.cache;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Thread-safe counters and an HdrHistogram of load latency behind one {@link CacheStats}. */
final class StatsRecorder {
  private final String name;
  private final DegradedTracker degraded;
  final LongAdder hits = new LongAdder();
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
        hits.sum(),
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
