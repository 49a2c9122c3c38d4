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
    for (Entry entry : entries) {
      names.add(entry.category());
    }
    this.categories = names.toArray(String[]::new);
    this.categoryOfRank = new int[entries.length];
    for (int rank = 0; rank < entries.length; rank++) {
      categoryOfRank[rank] = Arrays.binarySearch(categories, entries[rank].category());
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
    List<Entry> list = new ArrayList<>();
    for (Entry entry : source) {
      list.add(entry);
    }
    return new EntryTable(rankOrder(list.toArray(Entry[]::new)));
  }

  /**
   * The entries sorted by {@link #RANKING}, equal ones in input order. Weights that fit in an int
   * (the usual case) are sorted as primitive longs packed with the input position, which avoids the
   * cache misses of comparing objects; only entries of equal weight are compared as objects.
   */
  private static Entry[] rankOrder(Entry[] input) {
    long[] packed = new long[input.length];
    for (int i = 0; i < input.length; i++) {
      long weight = input[i].weight();
      if (weight > Integer.MAX_VALUE) {
        Entry[] sorted = input.clone();
        // Arrays.parallelSort on objects is stable: input order settles equal entries.
        Arrays.parallelSort(sorted, RANKING);
        return sorted;
      }
      packed[i] = ((Integer.MAX_VALUE - weight) << 32) | i;
    }
    Arrays.parallelSort(packed);
    Entry[] sorted = new Entry[input.length];
    for (int i = 0; i < input.length; i++) {
      sorted[i] = input[(int) packed[i]];
    }
    int run = 0;
    for (int i = 1; i <= input.length; i++) {
      if (i == input.length || packed[i] >>> 32 != packed[run] >>> 32) {
        if (i - run > 1) {
          // Stable, and the run is in input order: text, category, then input order.
          Arrays.sort(sorted, run, i, RANKING);
        }
        run = i;
      }
    }
    return sorted;
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
