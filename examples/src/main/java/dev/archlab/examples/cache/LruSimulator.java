package dev.archlab.examples.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A count-based LRU replay: the classic policy the published trace figures are stated for, used to
 * check that our trace reading reproduces them before strategies are compared on the trace.
 */
public final class LruSimulator {
  private LruSimulator() {}

  /** Hits of an LRU cache of {@code capacity} entries replaying {@code trace}. */
  public static long hits(AccessTrace trace, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
    }
    Map<Long, Boolean> lru =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
          }
        };
    long hits = 0;
    for (long key : trace.keys()) {
      if (lru.get(key) != null) {
        hits++;
      } else {
        lru.put(key, Boolean.TRUE);
      }
    }
    return hits;
  }

  /** Hit ratio in percent. */
  public static double hitPercent(AccessTrace trace, int capacity) {
    return trace.size() == 0 ? 0 : 100.0 * hits(trace, capacity) / trace.size();
  }
}
