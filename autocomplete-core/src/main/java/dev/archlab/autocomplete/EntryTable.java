package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Every entry of an index, sorted by rank: weight descending, then text, then category, then input
 * order. An entry's position is its rank, so indexes store small ints and "best" means "smallest".
 */
final class EntryTable {

  static final Comparator<Entry> RANKING =
      (a, b) -> {
        int byWeight = Long.compare(b.weight(), a.weight());
        if (byWeight != 0) {
          return byWeight;
        }
        int byText = a.text().compareTo(b.text());
        return byText != 0 ? byText : a.category().compareTo(b.category());
      };

  private final Entry[] entries;
  private final String[] categories;
  private final int[] categoryOfRank;
  // Bit per rank: set when another entry may have the same text (their text hashes collide).
  private final long[] sharedText;

  private EntryTable(Entry[] entries) {
    this.entries = entries;
    TreeSet<String> names = new TreeSet<>();
    String previous = null;
    for (Entry entry : entries) {
      // Neighbours mostly share one category object: skip the tree for repeats.
      if (entry.category() != previous) {
        previous = entry.category();
        names.add(previous);
      }
    }
    this.categories = names.toArray(String[]::new);
    this.categoryOfRank = new int[entries.length];
    String last = null;
    int lastId = -1;
    for (int rank = 0; rank < entries.length; rank++) {
      String category = entries[rank].category();
      if (category != last) {
        last = category;
        lastId = Arrays.binarySearch(categories, category);
      }
      categoryOfRank[rank] = lastId;
    }
    this.sharedText = sharedTexts(entries);
  }

  private static long[] sharedTexts(Entry[] entries) {
    long[] byHash = new long[entries.length];
    for (int rank = 0; rank < entries.length; rank++) {
      byHash[rank] = ((long) entries[rank].text().hashCode() << 32) | rank;
    }
    Arrays.parallelSort(byHash);
    long[] bits = new long[(entries.length + 63) >>> 6];
    for (int i = 1; i < byHash.length; i++) {
      if ((byHash[i] >>> 32) == (byHash[i - 1] >>> 32)) {
        int a = (int) byHash[i];
        int b = (int) byHash[i - 1];
        bits[a >>> 6] |= 1L << a;
        bits[b >>> 6] |= 1L << b;
      }
    }
    return bits;
  }

  static EntryTable of(Iterable<Entry> source) {
    return ranked(source).table();
  }

  /**
   * A table and the rank of each source entry in source order. Building keys in source order reads
   * the texts in the order they were allocated, which at a million entries spares a cache miss per
   * text over reading them in rank order.
   */
  record Ranked(EntryTable table, int[] ranksInSourceOrder) {}

  static Ranked ranked(Iterable<Entry> source) {
    List<Entry> list = new ArrayList<>();
    for (Entry entry : source) {
      list.add(entry);
    }
    Entry[] input = list.toArray(Entry[]::new);
    int[] sourceOfRank = rankOrder(input);
    Entry[] sorted = new Entry[input.length];
    int[] rankOfSource = new int[input.length];
    for (int rank = 0; rank < input.length; rank++) {
      sorted[rank] = input[sourceOfRank[rank]];
      rankOfSource[sourceOfRank[rank]] = rank;
    }
    return new Ranked(new EntryTable(sorted), rankOfSource);
  }

  /**
   * The source positions of the entries sorted by {@link #RANKING}, equal ones in source order.
   * Weights that fit in an int (the usual case) are sorted as primitive longs packed with the
   * position, which avoids the cache misses of comparing objects; only entries of equal weight are
   * compared as objects.
   */
  private static int[] rankOrder(Entry[] input) {
    int n = input.length;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      long weight = input[i].weight();
      if (weight > Integer.MAX_VALUE) {
        return objectRankOrder(input, 0, n);
      }
      packed[i] = ((Integer.MAX_VALUE - weight) << 32) | i;
    }
    Arrays.parallelSort(packed);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = (int) packed[k];
    }
    int run = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || packed[i] >>> 32 != packed[run] >>> 32) {
        if (i - run > 1) {
          // Equal weights: text, category, then source order (the run is in source order).
          int[] tied = objectRankOrder(input, order, run, i);
          System.arraycopy(tied, 0, order, run, tied.length);
        }
        run = i;
      }
    }
    return order;
  }

  private static int[] objectRankOrder(Entry[] input, int from, int to) {
    int[] all = new int[input.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return objectRankOrder(input, all, from, to);
  }

  /** Positions {@code order[from, to)} sorted by {@link #RANKING}, stably. */
  private static int[] objectRankOrder(Entry[] input, int[] order, int from, int to) {
    Integer[] boxed = new Integer[to - from];
    for (int i = from; i < to; i++) {
      boxed[i - from] = order[i];
    }
    // Arrays.parallelSort on objects is stable: source order settles equal entries.
    Arrays.parallelSort(boxed, (a, b) -> RANKING.compare(input[a], input[b]));
    int[] out = new int[boxed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  int size() {
    return entries.length;
  }

  Entry entry(int rank) {
    return entries[rank];
  }

  int categoryOf(int rank) {
    return categoryOfRank[rank];
  }

  /** The category's id, or -1 when no entry has it. */
  int categoryId(String name) {
    int id = Arrays.binarySearch(categories, name);
    return id < 0 ? -1 : id;
  }

  /** False when no other entry has this rank's text; true when one may. */
  boolean sharesText(int rank) {
    return (sharedText[rank >>> 6] & (1L << rank)) != 0;
  }

  boolean matchesCategory(int rank, int category) {
    return category < 0 || categoryOfRank[rank] == category;
  }
}
