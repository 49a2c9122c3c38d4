package dev.archlab.autocomplete;

/*
 * Range-minimum queries over an int array in O(1) plus two short scans. The array is cut into
 * blocks of 32; a sparse table (Bender and Farach-Colton, "The LCA Problem Revisited", 2000)
 * answers the minimum over any run of whole blocks by two overlapping power-of-two windows, and
 * the partial blocks at the ends are scanned.
 *
 * The table stores each window's minimum value and position packed in one long (value in the
 * high half, position in the low half), so comparing two windows is one long comparison that
 * never reads the array: at a million keys the array and table do not fit in cache, and every
 * avoided read is a cache miss saved. Packed longs also break ties towards the leftmost
 * position by themselves. Memory is about 8 * log2(n / 32) / 32 bytes per element on top of the
 * array, about 4 bytes per element at a million.
 */
final class RangeMin {
  private static final int BLOCK_BITS = 5;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final int[] values;
  // table[j][b]: packed minimum over blocks b .. b + 2^j - 1.
  private final long[][] table;

  /** Over {@code values}, which must be non-negative and must not change afterwards. */
  RangeMin(int[] values) {
    this.values = values;
    int blocks = (values.length + BLOCK - 1) / BLOCK;
    int levels = blocks <= 1 ? 1 : 32 - Integer.numberOfLeadingZeros(blocks - 1) + 1;
    table = new long[levels][];
    table[0] = new long[blocks];
    for (int b = 0; b < blocks; b++) {
      table[0][b] = scan(b * BLOCK, Math.min(values.length, (b + 1) * BLOCK));
    }
    for (int j = 1; j < levels; j++) {
      int half = 1 << (j - 1);
      long[] below = table[j - 1];
      long[] level = new long[Math.max(0, blocks - (1 << j) + 1)];
      for (int b = 0; b < level.length; b++) {
        level[b] = Math.min(below[b], below[b + half]);
      }
      table[j] = level;
    }
  }

  /**
   * The smallest value in {@code [from, to)} in the high 32 bits and its position (the leftmost on
   * ties) in the low 32, so a caller needs no second read of the array for the value.
   */
  long packedMin(int from, int to) {
    assert from < to : from + " >= " + to;
    int firstFull = (from + BLOCK - 1) >>> BLOCK_BITS;
    int lastFull = to >>> BLOCK_BITS; // exclusive
    if (firstFull >= lastFull) {
      return scan(from, to);
    }
    int level = 31 - Integer.numberOfLeadingZeros(lastFull - firstFull);
    long[] windows = table[level];
    long best = Math.min(windows[firstFull], windows[lastFull - (1 << level)]);
    int headEnd = firstFull << BLOCK_BITS;
    if (from < headEnd) {
      best = Math.min(best, scan(from, headEnd));
    }
    int tailStart = lastFull << BLOCK_BITS;
    if (tailStart < to) {
      best = Math.min(best, scan(tailStart, to));
    }
    return best;
  }

  /**
   * The values in {@code [from, to)} smallest first, only those that are ranks of the category (all
   * when negative): take the minimum, split the range around it, and keep the pieces in a heap
   * keyed by their minimum, so each value costs O(log k) heap work and one query.
   */
  KeyIndex.RankStream bestFirst(int from, int to, EntryTable table, int category) {
    IntHeap heap = new IntHeap();
    push(heap, from, to);
    return () -> {
      while (!heap.isEmpty()) {
        int rank = heap.topKey();
        int lo = heap.topFirst();
        int hi = heap.topSecond();
        int at = heap.topThird();
        heap.pop();
        if (lo < at) {
          push(heap, lo, at);
        }
        if (at + 1 < hi) {
          push(heap, at + 1, hi);
        }
        if (table.matchesCategory(rank, category)) {
          return rank;
        }
      }
      return -1;
    };
  }

  private void push(IntHeap heap, int lo, int hi) {
    long min = packedMin(lo, hi);
    heap.push((int) (min >>> 32), lo, hi, (int) min);
  }

  long bytes() {
    long total = 16;
    for (long[] level : table) {
      total += 16 + 8L * level.length;
    }
    return total;
  }

  /** The packed minimum of {@code [from, to)}, which is not empty. */
  private long scan(int from, int to) {
    int best = from;
    int min = values[from];
    for (int i = from + 1; i < to; i++) {
      if (values[i] < min) {
        min = values[i];
        best = i;
      }
    }
    return ((long) min << 32) | best;
  }
}
