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
  }

  static EntryTable of(Iterable<Entry> source) {
    List<Entry> list = new ArrayList<>();
    for (Entry entry : source) {
      list.add(entry);
    }
    Entry[] sorted = list.toArray(Entry[]::new);
    // Arrays.sort on objects is stable, so input order settles otherwise equal entries.
    Arrays.sort(sorted, RANKING);
    return new EntryTable(sorted);
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

  boolean matchesCategory(int rank, int category) {
    return category < 0 || categoryOfRank[rank] == category;
  }
}
