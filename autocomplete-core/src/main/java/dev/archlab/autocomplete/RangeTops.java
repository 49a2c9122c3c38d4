package dev.archlab.autocomplete;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/*
 * The best ranks of every heavy key range, computed once at build time. Over keys in sorted
 * order, the keys starting with any prefix form a range, and the distinct ranges of two or more
 * keys are the LCP intervals (Abouelhoda, Kurtz and Ohlebusch, "Replacing suffix trees with
 * enhanced suffix arrays", 2004), found in one pass over the longest common prefixes of
 * neighbouring keys; they are the nodes of a compacted trie over the keys. Each range of at
 * least MIN_KEYS keys keeps its KEPT best ranks in order; real key sets have few (10,102 for a
 * million npm names), but nested keys can make most ranges heavy, so at most n / 32 of the
 * largest are kept.
 *
 * Why: at a million keys a top-10 walk pays cache misses for every suggestion (range-minimum
 * windows, rank blocks, trie nodes), and the heavy ranges are exactly those of short, popular
 * prefixes, which most queries type. A kept list answers them from one or two cache lines. A
 * query that needs more than KEPT ranks (large limits, duplicates, a category filter) continues
 * with the index's own walk, skipping the KEPT ranks it has already given, so answers are exact
 * whatever the limit.
 */
final class RangeTops {
  static final int MIN_KEYS = 64;
  static final int KEPT = 16;

  // Nested keys (a, aa, aaa, ...) can make almost every range heavy; at most n / 32 ranges are
  // kept (2.25 bytes per key), the largest ones.
  private static final int MAX_RANGES_PER_KEY_DIVISOR = 32;

  private static final RangeTops NONE = new RangeTops(new long[0], new int[0]);

  private final long[] ranges; // from << 32 | to, ascending
  private final int[] tops; // KEPT ranks per range, best first

  private RangeTops(long[] ranges, int[] tops) {
    this.ranges = ranges;
    this.tops = tops;
  }

  static RangeTops none() {
    return NONE;
  }

  /**
   * The kept ranks of every range of at least {@code minKeys} keys.
   *
   * @param n the number of keys, sorted
   * @param commonPrefix the length of the common prefix of key {@code i - 1} and key {@code i}
   * @param best the ranks of {@code [from, to)} best first, ties in any order
   */
  static RangeTops of(int n, int minKeys, IntUnaryOperator commonPrefix, RangeWalk best) {
    if (minKeys < KEPT) {
      throw new IllegalArgumentException("minKeys must be at least " + KEPT + ": " + minKeys);
    }
    long[] found = new long[16];
    int count = 0;
    // Open intervals on a stack: their common-prefix length and first key.
    int[] depth = new int[64];
    int[] start = new int[64];
    int open = 1; // the whole array, depth 0
    for (int i = 1; i <= n; i++) {
      int lcp = i < n ? commonPrefix.applyAsInt(i) : 0;
      int left = i - 1;
      while (lcp < depth[open - 1]) {
        open--;
        left = start[open];
        if (i - left >= minKeys) {
          if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
          }
          found[count++] = ((long) left << 32) | i;
        }
      }
      if (lcp > depth[open - 1]) {
        if (open == depth.length) {
          depth = Arrays.copyOf(depth, open * 2);
          start = Arrays.copyOf(start, open * 2);
        }
        depth[open] = lcp;
        start[open] = left;
        open++;
      }
    }
    if (n >= minKeys) {
      found = Arrays.copyOf(found, count + 1);
      found[count++] = n; // the whole array: the empty prefix, or a prefix every key shares
    }
    if (count > n / MAX_RANGES_PER_KEY_DIVISOR + 1) {
      count = keepLargest(found, count, n / MAX_RANGES_PER_KEY_DIVISOR + 1);
    }
    Arrays.sort(found, 0, count);
    int distinct = 0;
    for (int r = 0; r < count; r++) {
      if (distinct == 0 || found[r] != found[distinct - 1]) {
        found[distinct++] = found[r];
      }
    }
    count = distinct;
    long[] ranges = Arrays.copyOf(found, count);
    int[] tops = new int[count * KEPT];
    for (int r = 0; r < count; r++) {
      KeyIndex.RankStream stream = best.walk((int) (ranges[r] >>> 32), (int) ranges[r]);
      for (int k = 0; k < KEPT; k++) {
        tops[r * KEPT + k] = stream.next();
      }
    }
    return new RangeTops(ranges, tops);
  }

  /** Moves the {@code keep} largest of {@code found[0, count)} to its front; returns keep. */
  private static int keepLargest(long[] found, int count, int keep) {
    long[] bySize = new long[count];
    for (int r = 0; r < count; r++) {
      long size = (int) found[r] - (found[r] >>> 32);
      bySize[r] = (size << 32) | r;
    }
    Arrays.sort(bySize);
    long[] kept = new long[keep];
    for (int k = 0; k < keep; k++) {
      kept[k] = found[(int) bySize[count - 1 - k]];
    }
    System.arraycopy(kept, 0, found, 0, keep);
    return keep;
  }

  /** A rank stream over a range of sorted keys. */
  interface RangeWalk {
    KeyIndex.RankStream walk(int from, int to);
  }

  /** The slot of range {@code [from, to)}, or -1 when it is not kept. */
  int find(int from, int to) {
    if (to - from < KEPT || ranges.length == 0) {
      return -1;
    }
    int slot = Arrays.binarySearch(ranges, ((long) from << 32) | to);
    return slot < 0 ? -1 : slot;
  }

  /**
   * The kept ranks of {@code slot} that pass the category, then those of {@code rest} (a fresh,
   * unfiltered walk of the same range) after its first {@link #KEPT}.
   */
  KeyIndex.RankStream stream(
      int slot, int category, EntryTable table, Supplier<KeyIndex.RankStream> rest) {
    return new KeyIndex.RankStream() {
      private int next = slot * KEPT;
      private KeyIndex.@org.jspecify.annotations.Nullable RankStream tail;

      @Override
      public int next() {
        int end = (slot + 1) * KEPT;
        while (next < end) {
          int rank = tops[next++];
          if (table.matchesCategory(rank, category)) {
            return rank;
          }
        }
        KeyIndex.RankStream more = tail;
        if (more == null) {
          more = rest.get();
          for (int skipped = 0; skipped < KEPT; skipped++) {
            more.next();
          }
          tail = more;
        }
        for (int rank = more.next(); rank >= 0; rank = more.next()) {
          if (table.matchesCategory(rank, category)) {
            return rank;
          }
        }
        return -1;
      }
    };
  }

  long bytes() {
    return 32 + 8L * ranges.length + 4L * tops.length;
  }

  int size() {
    return ranges.length;
  }
}
