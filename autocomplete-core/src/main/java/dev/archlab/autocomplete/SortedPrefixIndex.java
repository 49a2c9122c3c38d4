package dev.archlab.autocomplete;

/*
 * Sorted prefix index: every normalised key in one char array, sorted, with the rank of its
 * entry beside it. The keys starting with a prefix form one contiguous range, found by two binary
 * searches. The top k of the range come from a range-minimum structure over the ranks: take the
 * minimum, split the range around it, and keep the pieces in a heap ordered by their minimum.
 * Each suggestion costs O(log k) heap work plus one O(1) range-minimum query, whatever the size
 * of the range, which is what a naive "collect and sort" misses for one-letter prefixes.
 *
 * At a million keys the arrays do not fit in cache, so the searches are shaped to touch few
 * cache lines. Each key's first characters are packed into one long ("heads": eight chars of 8
 * bits when every key is Latin-1, else four of 16 bits), sorted like the keys, so most binary
 * search probes read one long instead of an offset and then the characters; only a prefix
 * longer than a head is compared char by char, and only inside the run of keys whose head
 * equals its own. Each end of a range is found first in a sample of every 64th head (small
 * enough to stay in cache), then within one block of 64 heads; inside a run of equal heads, the
 * end is found by galloping from the start, whose neighbours are likely in cache already.
 * Normalised keys never contain U+0000, so
 * the zero padding of a short key's head sorts it before its longer extensions, as it should.
 */
final class SortedPrefixIndex extends KeyIndex {

  private final char[] chars;
  private final int[] starts; // key i is chars[starts[i] .. starts[i + 1])
  private final int[] ranks;
  private static final int SAMPLE_BITS = 6;

  private final long[] heads; // sign-flipped, so signed order is the unsigned packed order
  private final long[] sampledHeads; // heads[i << SAMPLE_BITS]
  private final int headChars;
  private final int charBits;
  private final RangeMin rangeMin;
  private final RangeTops tops;
  private final EntryTable table;

  SortedPrefixIndex(KeySet keySet, EntryTable table) {
    this(keySet, table, RangeTops.MIN_KEYS);
  }

  /** With the best ranks of every range of at least {@code minKeptRange} keys kept. */
  SortedPrefixIndex(KeySet keySet, EntryTable table, int minKeptRange) {
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
    boolean latin = true;
    for (char c : chars) {
      if (c > 0xff) {
        latin = false;
        break;
      }
    }
    charBits = latin ? 8 : 16;
    headChars = 64 / charBits;
    heads = new long[n];
    for (int i = 0; i < n; i++) {
      long packed = 0;
      int end = Math.min(starts[i + 1], starts[i] + headChars);
      for (int j = starts[i], shift = 64 - charBits; j < end; j++, shift -= charBits) {
        packed |= (long) chars[j] << shift;
      }
      heads[i] = packed ^ Long.MIN_VALUE;
    }
    sampledHeads = new long[(n + (1 << SAMPLE_BITS) - 1) >>> SAMPLE_BITS];
    for (int b = 0; b < sampledHeads.length; b++) {
      sampledHeads[b] = heads[b << SAMPLE_BITS];
    }
    ranks = keySet.ranks.clone();
    rangeMin = new RangeMin(ranks);
    tops = RangeTops.of(n, minKeptRange, this::commonPrefixWithPrevious, (a, b) -> walk(a, b, -1));
  }

  private int commonPrefixWithPrevious(int i) {
    int a = starts[i - 1];
    int b = starts[i];
    int limit = Math.min(b - a, starts[i + 1] - b);
    int j = 0;
    while (j < limit && chars[a + j] == chars[b + j]) {
      j++;
    }
    return j;
  }

  @Override
  RankStream stream(String prefix, int category) {
    long range = range(prefix);
    if (range < 0) {
      return EMPTY;
    }
    int from = (int) (range >>> 32);
    int to = (int) range;
    int slot = tops.find(from, to);
    if (slot >= 0) {
      return tops.stream(slot, category, table, () -> walk(from, to, -1));
    }
    return walk(from, to, category);
  }

  private RankStream walk(int from, int to, int category) {
    return rangeMin.bestFirst(from, to, table, category);
  }

  @Override
  String nextChars(String prefix) {
    int depth = prefix.length();
    long range = range(prefix);
    if (range < 0) {
      return "";
    }
    int i = (int) (range >>> 32);
    int end = (int) range;
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
    return 2L * chars.length
        + 4L * starts.length
        + 4L * ranks.length
        + 8L * heads.length
        + 8L * sampledHeads.length
        + rangeMin.bytes()
        + tops.bytes()
        + 80;
  }

  /** The packed, sign-flipped head of {@code text}: its first chars, zero-padded. */
  private long head(String text) {
    long packed = 0;
    int count = Math.min(headChars, text.length());
    for (int j = 0; j < count; j++) {
      packed |= (long) text.charAt(j) << (64 - charBits * (j + 1));
    }
    return packed ^ Long.MIN_VALUE;
  }

  /**
   * The keys that start with {@code prefix} as {@code from << 32 | to}, or -1 when there are none.
   */
  private long range(String prefix) {
    int length = prefix.length();
    int headLength = Math.min(headChars, length);
    for (int j = 0; j < headLength; j++) {
      if (prefix.charAt(j) >>> charBits != 0) {
        return -1; // a char no key has (a wide char in an all-Latin-1 index)
      }
    }
    long low = head(prefix);
    // Every key whose head lies in [low, high] starts with the prefix's first headLength chars.
    long high;
    if (headLength == 0) {
      high = Long.MAX_VALUE;
    } else {
      high = headLength == headChars ? low : low | (-1L >>> (charBits * headLength));
    }
    int from = firstHeadAtLeast(low);
    if (from == heads.length || heads[from] > high) {
      return -1;
    }
    int to = firstHeadAbove(high, from);
    if (length > headChars) {
      from = lowerBound(prefix, from, to);
      if (from == to || compareToPrefix(from, prefix) != 0) {
        return -1;
      }
      to = endOfMatches(prefix, from, to);
    }
    return ((long) from << 32) | to;
  }

  /** First key whose head is at least {@code head} (exclusive of nothing: any key). */
  private int firstHeadAtLeast(long head) {
    // The sample narrows the search to one block of heads; its top levels stay in cache.
    int block = firstAtLeast(sampledHeads, head, 0, sampledHeads.length);
    int lo = block == 0 ? 0 : ((block - 1) << SAMPLE_BITS) + 1;
    int hi = Math.min(heads.length, block << SAMPLE_BITS);
    return firstAtLeast(heads, head, lo, hi);
  }

  /** First key with a head above {@code head}, at or after {@code first}. */
  private int firstHeadAbove(long head, int first) {
    if (head == Long.MAX_VALUE) {
      return heads.length;
    }
    return Math.max(first, firstHeadAtLeast(head + 1));
  }

  /** First index in {@code [from, to)} whose value is at least {@code key}, else {@code to}. */
  private static int firstAtLeast(long[] sorted, long key, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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

  /**
   * End of the keys that start with {@code prefix}, given that key {@code first} does: gallops
   * forward, so a narrow range (a long prefix) costs a few probes near {@code first}, which are
   * likely in cache already, instead of a binary search over the rest of the array.
   */
  private int endOfMatches(String prefix, int first, int to) {
    int lo = first + 1; // every key before lo matches
    int step = 1;
    int probe = lo;
    while (probe < to && compareToPrefix(probe, prefix) == 0) {
      lo = probe + 1;
      step <<= 1;
      probe = first + step;
    }
    int hi = Math.min(probe, to); // hi == to or key hi sorts after the prefix
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareToPrefix(mid, prefix) == 0) {
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
