package dev.archlab.autocomplete;

/*
 * Range-minimum queries over an int array in O(1) plus two short scans. The array is cut into
 * blocks of 16; a sparse table (Bender and Farach-Colton, "The LCA Problem Revisited", 2000)
 * answers the minimum over any run of whole blocks by two overlapping power-of-two windows, and
 * the partial blocks at the ends are scanned. Memory is about 4 * log2(n / 16) / 16 bytes per
 * element on top of the array, about 4 bytes per element at a million.
 */
final class RangeMin {
  private static final int BLOCK_BITS = 4;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final int[] values;
  // table[j][b]: position of the minimum over blocks b .. b + 2^j - 1.
  private final int[][] table;

  RangeMin(int[] values) {
    this.values = values;
    int blocks = (values.length + BLOCK - 1) / BLOCK;
    int levels = blocks <= 1 ? 1 : 32 - Integer.numberOfLeadingZeros(blocks - 1) + 1;
    table = new int[levels][];
    table[0] = new int[blocks];
    for (int b = 0; b < blocks; b++) {
      table[0][b] = scan(b * BLOCK, Math.min(values.length, (b + 1) * BLOCK));
    }
    for (int j = 1; j < levels; j++) {
      int width = 1 << j;
      int count = Math.max(0, blocks - width + 1);
      table[j] = new int[count];
      for (int b = 0; b < count; b++) {
        table[j][b] = better(table[j - 1][b], table[j - 1][b + (width >> 1)]);
      }
    }
  }

  /** Position of the smallest value in {@code [from, to)} (the leftmost on ties). */
  int argMin(int from, int to) {
    assert from < to : from + " >= " + to;
    int firstFull = (from + BLOCK - 1) >>> BLOCK_BITS;
    int lastFull = to >>> BLOCK_BITS; // exclusive
    if (firstFull >= lastFull) {
      return scan(from, to);
    }
    int best = -1;
    int headEnd = firstFull << BLOCK_BITS;
    if (from < headEnd) {
      best = scan(from, headEnd);
    }
    int level = 31 - Integer.numberOfLeadingZeros(lastFull - firstFull);
    int middle = better(table[level][firstFull], table[level][lastFull - (1 << level)]);
    best = best < 0 ? middle : better(best, middle);
    int tailStart = lastFull << BLOCK_BITS;
    if (tailStart < to) {
      best = better(best, scan(tailStart, to));
    }
    return best;
  }

  long bytes() {
    long total = 16;
    for (int[] level : table) {
      total += 16 + 4L * level.length;
    }
    return total;
  }

  private int better(int a, int b) {
    return values[b] < values[a] ? b : a;
  }

  private int scan(int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }
}
