package dev.archlab.autocomplete;

import java.util.Arrays;

/*
 * Compact (radix) trie in flat arrays. Built from the sorted keys: a node stands for the keys
 * in [lo, hi) that share its path; chains of single children are merged into one edge whose
 * label sits in a shared char pool. Children are numbered contiguously (breadth-first) and found
 * by binary search on their first label char, so there is no per-node map.
 *
 * Each node also keeps the best (smallest) rank in its subtree and a 64-bit mask of the
 * categories below it. The top k come from a best-first walk: a heap holds nodes keyed by their
 * best rank and single keys keyed by their rank; popping a node pushes its keys and children.
 * A popped key is always the best remaining one, so the walk is exact and stops after k keys
 * plus the nodes on their paths. A category filter prunes every subtree whose mask lacks the
 * category's bit (categories beyond 64 share bits, which only weakens pruning).
 */
final class CompactTrieIndex extends KeyIndex {

  private static final int NODE_ITEM = 0;
  private static final int KEY_ITEM = 1;

  private final EntryTable table;
  private final int[] keyRanks;
  private final RangeMin byRank;
  private final RangeTops tops;
  private int[] lo;
  private int[] hi;
  private int[] termEnd;
  private int[] depth;
  private int[] labelStart;
  private int[] firstChild;
  private int[] childCount;
  // The first label char of each node, beside its siblings': the child search reads only these.
  private char[] firstLabel;
  private int[] best = new int[0];
  private long[] categoryMask = new long[0];
  // Children in best-rank order: the first child of each node, and each child's next sibling.
  private int[] firstByBest = new int[0];
  private int[] nextByBest = new int[0];
  private char[] labels = new char[1024];
  private int labelsUsed;
  private int nodeCount;

  CompactTrieIndex(KeySet keySet, EntryTable table) {
    this(keySet, table, RangeTops.MIN_KEYS);
  }

  /** With the best ranks of every subtree of at least {@code minKeptRange} keys kept. */
  CompactTrieIndex(KeySet keySet, EntryTable table, int minKeptRange) {
    this.table = table;
    this.keyRanks = keySet.ranks.clone();
    int capacity = Math.max(16, keySet.size() * 2);
    lo = new int[capacity];
    hi = new int[capacity];
    termEnd = new int[capacity];
    depth = new int[capacity];
    labelStart = new int[capacity];
    firstChild = new int[capacity];
    childCount = new int[capacity];
    firstLabel = new char[capacity];
    build(keySet.keys);
    summarize();
    orderChildren();
    trim();
    byRank = new RangeMin(keyRanks);
    String[] keys = keySet.keys;
    tops =
        RangeTops.of(
            keys.length,
            minKeptRange,
            i -> commonPrefix(keys[i - 1], keys[i], 0),
            (from, to) -> byRank.bestFirst(from, to, table, -1));
  }

  private void build(String[] keys) {
    newNode(0, keys.length, 0, "", 0);
    // Nodes are expanded in creation order, so each node's children get consecutive ids.
    for (int node = 0; node < nodeCount; node++) {
      int d = depth[node];
      int t = lo[node];
      while (t < hi[node] && keys[t].length() == d) {
        t++;
      }
      termEnd[node] = t;
      firstChild[node] = nodeCount;
      int i = t;
      while (i < hi[node]) {
        char c = keys[i].charAt(d);
        int j = i + 1;
        while (j < hi[node] && keys[j].charAt(d) == c) {
          j++;
        }
        int childDepth = commonPrefix(keys[i], keys[j - 1], d + 1);
        newNode(i, j, childDepth, keys[i], d);
        i = j;
      }
      childCount[node] = nodeCount - firstChild[node];
    }
  }

  private static int commonPrefix(String a, String b, int from) {
    int limit = Math.min(a.length(), b.length());
    int i = from;
    while (i < limit && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private void newNode(int from, int to, int nodeDepth, String key, int parentDepth) {
    if (nodeCount == lo.length) {
      int grown = nodeCount * 2;
      lo = Arrays.copyOf(lo, grown);
      hi = Arrays.copyOf(hi, grown);
      termEnd = Arrays.copyOf(termEnd, grown);
      depth = Arrays.copyOf(depth, grown);
      labelStart = Arrays.copyOf(labelStart, grown);
      firstChild = Arrays.copyOf(firstChild, grown);
      childCount = Arrays.copyOf(childCount, grown);
      firstLabel = Arrays.copyOf(firstLabel, grown);
    }
    int length = nodeDepth - parentDepth;
    if (labelsUsed + length > labels.length) {
      labels = Arrays.copyOf(labels, Math.max(labels.length * 2, labelsUsed + length));
    }
    key.getChars(parentDepth, nodeDepth, labels, labelsUsed);
    int id = nodeCount++;
    lo[id] = from;
    hi[id] = to;
    depth[id] = nodeDepth;
    labelStart[id] = labelsUsed;
    firstLabel[id] = length > 0 ? key.charAt(parentDepth) : 0;
    labelsUsed += length;
  }

  /** Best rank and category mask of every subtree, children before parents. */
  private void summarize() {
    best = new int[nodeCount];
    categoryMask = new long[nodeCount];
    for (int node = nodeCount - 1; node >= 0; node--) {
      int min = Integer.MAX_VALUE;
      long mask = 0;
      for (int k = lo[node]; k < termEnd[node]; k++) {
        min = Math.min(min, keyRanks[k]);
        mask |= bit(table.categoryOf(keyRanks[k]));
      }
      for (int c = firstChild[node]; c < firstChild[node] + childCount[node]; c++) {
        min = Math.min(min, best[c]);
        mask |= categoryMask[c];
      }
      best[node] = min;
      categoryMask[node] = mask;
    }
  }

  /** Links each node's children in best-rank order, so the walk pushes one sibling at a time. */
  private void orderChildren() {
    firstByBest = new int[nodeCount];
    nextByBest = new int[nodeCount];
    Arrays.fill(nextByBest, -1);
    long[] byBest = new long[16];
    for (int node = 0; node < nodeCount; node++) {
      int count = childCount[node];
      int first = firstChild[node];
      if (count <= 1) {
        firstByBest[node] = count == 0 ? -1 : first;
        continue;
      }
      if (byBest.length < count) {
        byBest = new long[Math.max(count, byBest.length * 2)];
      }
      // Ranks and ids are non-negative ints: packed, a primitive sort orders them by best rank.
      for (int i = 0; i < count; i++) {
        byBest[i] = ((long) best[first + i] << 32) | (first + i);
      }
      Arrays.sort(byBest, 0, count);
      firstByBest[node] = (int) byBest[0];
      for (int i = 0; i + 1 < count; i++) {
        nextByBest[(int) byBest[i]] = (int) byBest[i + 1];
      }
    }
  }

  private void trim() {
    lo = Arrays.copyOf(lo, nodeCount);
    hi = Arrays.copyOf(hi, nodeCount);
    termEnd = Arrays.copyOf(termEnd, nodeCount);
    depth = Arrays.copyOf(depth, nodeCount);
    labelStart = Arrays.copyOf(labelStart, nodeCount);
    firstChild = Arrays.copyOf(firstChild, nodeCount);
    childCount = Arrays.copyOf(childCount, nodeCount);
    firstLabel = Arrays.copyOf(firstLabel, nodeCount);
    labels = Arrays.copyOf(labels, labelsUsed);
  }

  private static long bit(int category) {
    return category < 0 ? -1L : 1L << (category & 63);
  }

  /**
   * Walks {@code prefix} down from the root. Returns {@code node << 32 | unmatched}, where node's
   * subtree holds exactly the keys starting with the prefix and unmatched is how many label chars
   * of that node lie beyond the prefix; -1 when no key starts with it.
   */
  private long locate(String prefix) {
    int node = 0;
    int matched = 0;
    while (matched < prefix.length()) {
      int child = findChild(node, prefix.charAt(matched));
      if (child < 0) {
        return -1;
      }
      int start = labelStart[child];
      int length = depth[child] - depth[node];
      int common = Math.min(length, prefix.length() - matched);
      for (int j = 1; j < common; j++) {
        if (labels[start + j] != prefix.charAt(matched + j)) {
          return -1;
        }
      }
      matched += common;
      node = child;
      if (common < length) {
        return ((long) node << 32) | (length - common);
      }
    }
    return (long) node << 32;
  }

  private int findChild(int node, char c) {
    int low = firstChild[node];
    int high = low + childCount[node] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      char first = firstLabel[mid];
      if (first < c) {
        low = mid + 1;
      } else if (first > c) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  RankStream stream(String prefix, int category) {
    long located = locate(prefix);
    long wanted = bit(category);
    if (located < 0) {
      return EMPTY;
    }
    int start = (int) (located >>> 32);
    if ((categoryMask[start] & wanted) == 0) {
      return EMPTY;
    }
    if (category >= 0) {
      return walk(start, category, wanted); // prunes subtrees by their category masks
    }
    // Unfiltered, the subtree is just the range of its keys: kept ranks or a range-minimum
    // walk answer it without visiting nodes, each of which costs cache misses at a million keys.
    int from = lo[start];
    int to = hi[start];
    int slot = tops.find(from, to);
    if (slot >= 0) {
      return tops.stream(slot, -1, table, () -> byRank.bestFirst(from, to, table, -1));
    }
    return byRank.bestFirst(from, to, table, -1);
  }

  /** The best-first walk of the subtree of {@code start}, pruned to the category. */
  private RankStream walk(int start, int category, long wanted) {
    IntHeap heap = new IntHeap();
    heap.push(best[start], start, NODE_ITEM, 0);
    // Each pop pushes at most three items (a key's successor, a node's first key and first child,
    // a node's next sibling), so the heap stays small whatever the fan-out.
    return () -> {
      while (!heap.isEmpty()) {
        int rank = heap.topKey();
        int id = heap.topFirst();
        int kind = heap.topSecond();
        int extra = heap.topThird();
        heap.pop();
        if (kind == KEY_ITEM) {
          pushKey(heap, id + 1, extra, category);
          return rank;
        }
        pushKey(heap, lo[id], termEnd[id], category);
        pushNode(heap, firstByBest[id], wanted);
        if (extra == 1) {
          pushNode(heap, nextByBest[id], wanted);
        }
      }
      return -1;
    };
  }

  /** Pushes the first key in {@code [from, end)} of the category; keys there are rank-sorted. */
  private void pushKey(IntHeap heap, int from, int end, int category) {
    for (int k = from; k < end; k++) {
      if (table.matchesCategory(keyRanks[k], category)) {
        heap.push(keyRanks[k], k, KEY_ITEM, end);
        return;
      }
    }
  }

  /** Pushes {@code node}, or its first later sibling (in best order) holding the category. */
  private void pushNode(IntHeap heap, int node, long wanted) {
    for (int n = node; n >= 0; n = nextByBest[n]) {
      if ((categoryMask[n] & wanted) != 0) {
        heap.push(best[n], n, NODE_ITEM, 1);
        return;
      }
    }
  }

  @Override
  String nextChars(String prefix) {
    long located = locate(prefix);
    if (located < 0) {
      return "";
    }
    int node = (int) (located >>> 32);
    int unmatched = (int) located;
    if (unmatched > 0) {
      // Labels are stored in node order, so a label ends where the next node's begins.
      int labelEnd = node + 1 < nodeCount ? labelStart[node + 1] : labels.length;
      return String.valueOf(labels[labelEnd - unmatched]);
    }
    StringBuilder out = new StringBuilder(childCount[node]);
    for (int c = firstChild[node]; c < firstChild[node] + childCount[node]; c++) {
      out.append(labels[labelStart[c]]);
    }
    return out.toString();
  }

  @Override
  long bytes() {
    // lo, hi, termEnd, depth, labelStart, firstChild, childCount, best, firstByBest, nextByBest
    long perNode = 4L * 10 + 8 + 2; // and firstLabel
    return perNode * nodeCount
        + 2L * labels.length
        + 4L * keyRanks.length
        + byRank.bytes()
        + tops.bytes()
        + 128;
  }
}
