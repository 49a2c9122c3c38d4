package dev.archlab.cache;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of what a strategy or tier has done since it was created. Immutable; read it, log it
 * ({@link #toString()} is one line per part) or compare two snapshots.
 *
 * @param name strategy or tier name, such as {@code read-through} or {@code redis}
 * @param hits reads answered by a fresh cached value
 * @param misses reads that found no usable value
 * @param loads loads from the source of truth (each is one origin read)
 * @param loadFailures loads that threw
 * @param staleServes reads answered by a stale value (while revalidating, or on source error)
 * @param evictions entries dropped for capacity
 * @param degradedMillis total time spent degraded (for example with Redis unreachable)
 * @param degraded whether the part is degraded right now
 * @param loadLatency load latencies from the source of truth
 * @param parts stats of the tiers under a strategy, or of the levels of a two-level tier
 * @since 0.1
 */
public record CacheStats(
    String name,
    long hits,
    long misses,
    long loads,
    long loadFailures,
    long staleServes,
    long evictions,
    long degradedMillis,
    boolean degraded,
    LatencySummary loadLatency,
    List<CacheStats> parts) {

  /** Copies {@code parts}. */
  public CacheStats {
    parts = List.copyOf(parts);
  }

  /** Hits (fresh or stale) over all reads; 0 when there were none. */
  public double hitRatio() {
    long reads = hits + staleServes + misses;
    return reads == 0 ? 0.0 : (double) (hits + staleServes) / reads;
  }

  /** The part with this name, searched depth first, including this snapshot itself. */
  public Optional<CacheStats> part(String partName) {
    if (name.equals(partName)) {
      return Optional.of(this);
    }
    for (CacheStats part : parts) {
      Optional<CacheStats> found = part.part(partName);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    append(out, "");
    return out.toString();
  }

  private void append(StringBuilder out, String indent) {
    out.append(indent)
        .append(name)
        .append(": hits=")
        .append(hits)
        .append(" misses=")
        .append(misses)
        .append(" loads=")
        .append(loads)
        .append(" loadFailures=")
        .append(loadFailures)
        .append(" staleServes=")
        .append(staleServes)
        .append(" evictions=")
        .append(evictions)
        .append(" degradedMs=")
        .append(degradedMillis)
        .append(degraded ? " (degraded now)" : "")
        .append(" load[")
        .append(loadLatency)
        .append(']');
    for (CacheStats part : parts) {
      out.append('\n');
      part.append(out, indent + "  ");
    }
  }
}
