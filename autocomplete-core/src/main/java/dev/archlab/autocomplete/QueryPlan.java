package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A query after normalisation: the prefixes to look up and the category id to keep. */
record QueryPlan(String normalized, List<String> prefixes, int category, boolean impossible) {

  static QueryPlan of(Query query, EntryTable table) {
    return of(query, table, true);
  }

  /**
   * The plan for an index; without {@code kanaKeys} (no key starts with kana) the romaji expansion
   * is skipped, since its kana prefixes cannot match there.
   */
  static QueryPlan of(Query query, EntryTable table, boolean kanaKeys) {
    String category = query.category();
    int id = category == null ? -1 : table.categoryId(category);
    QueryPlan plan = textOnly(query, kanaKeys);
    return new QueryPlan(
        plan.normalized(), plan.prefixes(), id, plan.impossible() || (category != null && id < 0));
  }

  /** The plan without a category id, for matching single entries outside an index. */
  static QueryPlan textOnly(Query query) {
    return textOnly(query, true);
  }

  private static QueryPlan textOnly(Query query, boolean withRomaji) {
    String normalized = TextNormalizer.normalizeQuery(query.text());
    int category = -1;
    boolean impossible = normalized.isBlank();
    List<String> kana = withRomaji ? Romaji.kanaPrefixes(normalized) : List.of();
    if (kana.isEmpty()) {
      return new QueryPlan(normalized, List.of(normalized), category, impossible);
    }
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(normalized);
    prefixes.addAll(kana);
    return new QueryPlan(normalized, List.copyOf(prefixes), category, impossible);
  }

  /** Whether one-typo matching applies to this input length. */
  boolean fuzzyEligible() {
    int length = normalized.codePointCount(0, normalized.length());
    return length >= Query.MIN_FUZZY_LENGTH && length <= Query.MAX_FUZZY_LENGTH;
  }

  /** Collects matches in offer order: each rank once and, by default, each text once. */
  static final class Collector {
    private final EntryTable table;
    private final int limit;
    private final boolean onePerText;
    private final List<Suggestion> suggestions = new ArrayList<>();
    private final List<CandidateSource.Candidate> candidates = new ArrayList<>();
    // Limits are small (at most 100 by default), so linear scans beat hashing here.
    private final int[] ranks = new int[32];
    private int rankCount;
    private java.util.@org.jspecify.annotations.Nullable Set<Integer> manyRanks;

    Collector(EntryTable table, int limit) {
      this(table, limit, true);
    }

    Collector(EntryTable table, int limit, boolean onePerText) {
      this.table = table;
      this.limit = limit;
      this.onePerText = onePerText;
    }

    boolean full() {
      return (onePerText ? suggestions.size() : candidates.size()) >= limit;
    }

    /** Adds the entry unless its rank (or text) was taken; returns true when the list is full. */
    boolean offer(int rank, boolean fuzzy) {
      if (takeRank(rank)) {
        Entry entry = table.entry(rank);
        if (!onePerText) {
          candidates.add(new CandidateSource.Candidate(entry, fuzzy));
        } else if (!(table.sharesText(rank) && hasText(entry.text()))) {
          // Most texts are unique in the table: skipping the string comparison spares the
          // cache misses of loading a text that cannot be a duplicate.
          suggestions.add(
              new Suggestion(
                  entry.text(), entry.weight(), entry.category(), entry.payload(), fuzzy));
        }
      }
      return full();
    }

    private boolean takeRank(int rank) {
      if (manyRanks != null) {
        return manyRanks.add(rank);
      }
      for (int i = rankCount - 1; i >= 0; i--) {
        if (ranks[i] == rank) {
          return false;
        }
      }
      if (rankCount == ranks.length) {
        // Past a few dozen, a hash set keeps large candidate fetches linear.
        manyRanks = new java.util.HashSet<>();
        for (int i = 0; i < rankCount; i++) {
          manyRanks.add(ranks[i]);
        }
        return manyRanks.add(rank);
      }
      ranks[rankCount++] = rank;
      return true;
    }

    private boolean hasText(String text) {
      for (Suggestion s : suggestions) {
        if (s.term().equals(text)) {
          return true;
        }
      }
      return false;
    }

    List<Suggestion> result() {
      return List.copyOf(suggestions);
    }

    List<CandidateSource.Candidate> candidates() {
      return List.copyOf(candidates);
    }
  }
}
