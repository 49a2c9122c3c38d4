package dev.archlab.cache;

/**
 * Percentiles of a latency distribution in microseconds, taken from an HdrHistogram.
 *
 * @param count how many latencies were recorded
 * @param p50Micros median
 * @param p90Micros 90th percentile
 * @param p99Micros 99th percentile
 * @param maxMicros largest recorded
 * @since 0.1
 */
public record LatencySummary(
    long count, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {

  /** No latencies recorded. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

  @Override
  public String toString() {
    return count == 0
        ? "n=0"
        : "n=" + count + " p50=" + p50Micros + "us p90=" + p90Micros + "us p99=" + p99Micros
            + "us max=" + maxMicros + "us";
  }
}
