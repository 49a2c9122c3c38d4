package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The best entries of a table by rank, optionally of one category. */
final class TopEntries {
  private TopEntries() {}

  static List<Entry> of(EntryTable table, @Nullable String category, int count) {
    int id = category == null ? -1 : table.categoryId(category);
    if (category != null && id < 0) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>(Math.min(count, table.size()));
    for (int rank = 0; rank < table.size() && out.size() < count; rank++) {
      if (table.matchesCategory(rank, id)) {
        out.add(table.entry(rank));
      }
    }
    return out;
  }
}
