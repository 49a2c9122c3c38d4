package dev.archlab.autocomplete;

/*
 * Sorted prefix index: every normalised key in one char array, sorted, with the rank of its
 * entry beside it. The keys starting with a prefix form one contiguous range, found by two binary
 * searches. The top k of the range come from a range-minimum structure over the ranks: take the
 * minimum, split the range around it, and keep the pieces in a heap ordered by their minimum.
 * Each suggestion costs O(log k) heap work plus one O(1) range-minimum query, whatever the size
 * of the range, which is what a naive "collect and sort" misses for one-letter prefixes.
 */
final class SortedPrefixIndex extends KeyIndex {

  private final char[] chars;
  private final int[] starts; // key i is chars[starts[i] .. starts[i + 1])
  private final int[] ranks;
  private final RangeMin rangeMin;
  private final EntryTable table;

  SortedPrefixIndex(KeySet keySet, EntryTable table) {
    this.table = table;
    int n = keySet.size();
    long total = 0;
    for (String key : keySet.keys) {
      total += key.length();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("keys too long in total for one array: " + total);
    }
    chars = new char[(int) total];
    starts = new int[n + 1];
    int at = 0;
    for (int i = 0; i < n; i++) {
      starts[i] = at;
      String key = keySet.keys[i];
      key.getChars(0, key.length(), chars, at);
      at += key.length();
    }
    starts[n] = at;
    ranks = keySet.ranks.clone();
    rangeMin = new RangeMin(ranks);
  }

  @Override
  RankStream stream(String prefix, int category) {
    int from = lowerBound(prefix, 0, ranks.length);
    int to = upperBound(prefix, from, ranks.length);
    if (from >= to) {
      return EMPTY;
    }
    IntHeap heap = new IntHeap();
    int first = rangeMin.argMin(from, to);
    heap.push(ranks[first], from, to, first);
    return () -> {
      while (!heap.isEmpty()) {
        int rank = heap.topKey();
        int lo = heap.topFirst();
        int hi = heap.topSecond();
        int at = heap.topThird();
        heap.pop();
        if (lo < at) {
          int left = rangeMin.argMin(lo, at);
          heap.push(ranks[left], lo, at, left);
        }
        if (at + 1 < hi) {
          int right = rangeMin.argMin(at + 1, hi);
          heap.push(ranks[right], at + 1, hi, right);
        }
        if (table.matchesCategory(rank, category)) {
          return rank;
        }
      }
      return -1;
    };
  }

  @Override
  String nextChars(String prefix) {
    int depth = prefix.length();
    int i = lowerBound(prefix, 0, ranks.length);
    int end = upperBound(prefix, i, ranks.length);
    StringBuilder out = new StringBuilder();
    while (i < end) {
      if (starts[i + 1] - starts[i] == depth) {
        i++;
        continue;
      }
      char next = chars[starts[i] + depth];
      out.append(next);
      i = firstAfter(next, depth, i, end);
    }
    return out.toString();
  }

  @Override
  long bytes() {
    return 2L * chars.length + 4L * starts.length + 4L * ranks.length + rangeMin.bytes() + 64;
  }

  /** -1, 0 or 1 as key {@code i} sorts before, starts with, or sorts after {@code prefix}. */
  private int compareToPrefix(int i, String prefix) {
    int start = starts[i];
    int length = starts[i + 1] - start;
    int common = Math.min(length, prefix.length());
    for (int j = 0; j < common; j++) {
      char a = chars[start + j];
      char b = prefix.charAt(j);
      if (a != b) {
        return a < b ? -1 : 1;
      }
    }
    return length < prefix.length() ? -1 : 0;
  }

  private int lowerBound(String prefix, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareToPrefix(mid, prefix) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int upperBound(String prefix, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareToPrefix(mid, prefix) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First key in {@code [from, to)} whose char at {@code depth} is above {@code next}. */
  private int firstAfter(char next, int depth, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      boolean atOrBefore =
          starts[mid + 1] - starts[mid] <= depth || chars[starts[mid] + depth] <= next;
      if (atOrBefore) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
