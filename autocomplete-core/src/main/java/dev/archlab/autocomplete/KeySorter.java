package dev.archlab.autocomplete;

import java.util.Arrays;

/*
 * Sorts key ids by key (char by char, as String.compareTo does) and equal keys by rank, then
 * id. This is the build's largest step at a million keys; a comparison sort of key objects spends most of its
 * time on cache misses, following references to strings and their arrays on every comparison.
 *
 * Instead: a three-way radix quicksort (Bentley and Sedgewick, "Fast algorithms for sorting and
 * searching strings", 1997) over chunks of characters cached in a primitive array beside the
 * ids (after Ng and Kakehi, "Cache efficient radix sort for string sorting", 2007): each id
 * carries the next 8 chars of its key (8 bits each when every key is Latin-1, else 4 chars of 16
 * bits), packed into a long so that one signed comparison orders them. Partitioning moves longs
 * and ints only; a key's string is read again only when a whole group shares a chunk and the sort
 * moves on to the next one. Normalised keys never contain U+0000, so zero padding after a key's
 * end orders it before its extensions, and a group whose chunk is padded holds equal keys.
 */
final class KeySorter {
  private static final int SMALL = 12;

  private final String[] keys;
  private final int[] ranks;
  private final int chunkChars;
  private final int charBits;
  private long[] chunks = new long[0];

  /**
   * Over {@code keys[id]} and {@code ranks[id]}; {@code latin} when no key has a char above 0xff.
   */
  KeySorter(String[] keys, int[] ranks, boolean latin) {
    this.keys = keys;
    this.ranks = ranks;
    this.charBits = latin ? 8 : 16;
    this.chunkChars = 64 / charBits;
  }

  void sort(int[] ids) {
    int n = ids.length;
    chunks = new long[n];
    for (int i = 0; i < n; i++) {
      chunks[i] = chunk(keys[ids[i]], 0);
    }
    // Pending groups as (from, to, depth) triples on an explicit stack: no deep recursion.
    int[] stack = new int[96];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = n;
    stack[top++] = 0;
    while (top > 0) {
      int depth = stack[--top];
      int to = stack[--top];
      int from = stack[--top];
      if (to - from <= SMALL) {
        insertionSort(ids, from, to, depth);
        continue;
      }
      long pivot = medianOfThree(from, (from + to) >>> 1, to - 1);
      // Three-way partition: [from, lt) below, [lt, gt) equal, [gt, to) above the pivot.
      int lt = from;
      int gt = to;
      int i = from;
      while (i < gt) {
        long c = chunks[i];
        if (c < pivot) {
          swap(ids, lt++, i++);
        } else if (c > pivot) {
          swap(ids, i, --gt);
        } else {
          i++;
        }
      }
      if (stack.length < top + 9) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      top = push(stack, top, from, lt, depth);
      top = push(stack, top, gt, to, depth);
      if (endsWithin(pivot)) {
        sortByRank(ids, lt, gt); // equal keys
      } else {
        int next = depth + chunkChars;
        for (int k = lt; k < gt; k++) {
          chunks[k] = chunk(keys[ids[k]], next);
        }
        top = push(stack, top, lt, gt, next);
      }
    }
  }

  private void sortByRank(int[] ids, int from, int to) {
    long[] byRank = new long[to - from];
    for (int k = from; k < to; k++) {
      byRank[k - from] = ((long) ranks[ids[k]] << 32) | ids[k];
    }
    Arrays.sort(byRank);
    for (int k = from; k < to; k++) {
      ids[k] = (int) byRank[k - from];
    }
  }

  private static int push(int[] stack, int top, int from, int to, int depth) {
    if (to - from > 1) {
      stack[top++] = from;
      stack[top++] = to;
      stack[top++] = depth;
    }
    return top;
  }

  /** True when the chunk is zero-padded: every key with it ends inside the chunk. */
  private boolean endsWithin(long chunk) {
    return ((chunk ^ Long.MIN_VALUE) & ((1L << charBits) - 1)) == 0;
  }

  /** Chars {@code depth .. depth + chunkChars} of the key, packed, zero-padded, sign-flipped. */
  private long chunk(String key, int depth) {
    long packed = 0;
    int end = Math.min(key.length(), depth + chunkChars);
    int shift = 64 - charBits;
    for (int j = depth; j < end; j++, shift -= charBits) {
      packed |= (long) key.charAt(j) << shift;
    }
    return packed ^ Long.MIN_VALUE;
  }

  private long medianOfThree(int a, int b, int c) {
    long x = chunks[a];
    long y = chunks[b];
    long z = chunks[c];
    if (x < y) {
      return y < z ? y : Math.max(x, z);
    }
    return x < z ? x : Math.max(y, z);
  }

  private void swap(int[] ids, int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    long chunk = chunks[a];
    chunks[a] = chunks[b];
    chunks[b] = chunk;
  }

  /** Orders a small group by the rest of the keys from {@code depth}, then by rank and id. */
  private void insertionSort(int[] ids, int from, int to, int depth) {
    for (int i = from + 1; i < to; i++) {
      int id = ids[i];
      long chunk = chunks[i];
      int j = i - 1;
      while (j >= from && compare(chunks[j], ids[j], chunk, id, depth) > 0) {
        ids[j + 1] = ids[j];
        chunks[j + 1] = chunks[j];
        j--;
      }
      ids[j + 1] = id;
      chunks[j + 1] = chunk;
    }
  }

  private int compare(long chunkA, int a, long chunkB, int b, int depth) {
    if (chunkA != chunkB) {
      return chunkA < chunkB ? -1 : 1;
    }
    if (!endsWithin(chunkA)) {
      String x = keys[a];
      String y = keys[b];
      int limit = Math.min(x.length(), y.length());
      for (int k = depth + chunkChars; k < limit; k++) {
        char cx = x.charAt(k);
        char cy = y.charAt(k);
        if (cx != cy) {
          return cx < cy ? -1 : 1;
        }
      }
      if (x.length() != y.length()) {
        return x.length() < y.length() ? -1 : 1;
      }
    }
    int byRank = Integer.compare(ranks[a], ranks[b]);
    return byRank != 0 ? byRank : Integer.compare(a, b);
  }
}
