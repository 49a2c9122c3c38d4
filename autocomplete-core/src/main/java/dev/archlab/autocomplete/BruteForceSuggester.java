package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The model: every entry checked against the query's definition, in rank order. O(n) a query. */
final class BruteForceSuggester implements Suggester, CandidateSource {

  private final EntryTable table;
  private final List<List<String>> prefixKeys = new ArrayList<>();
  private final List<List<String>> infixKeys = new ArrayList<>();

  BruteForceSuggester(EntryTable table) {
    this.table = table;
    for (int rank = 0; rank < table.size(); rank++) {
      Entry entry = table.entry(rank);
      prefixKeys.add(KeySet.prefixKeysOf(entry));
      infixKeys.add(KeySet.infixKeysOf(TextNormalizer.normalize(entry.text())));
    }
  }

  @Override
  public List<Suggestion> suggest(Query query) {
    QueryPlan.Collector collector = new QueryPlan.Collector(table, query.limit());
    collect(query, collector);
    return collector.result();
  }

  @Override
  public List<Candidate> candidates(Query query, int count) {
    QueryPlan.Collector collector = new QueryPlan.Collector(table, count, false);
    collect(query, collector);
    return collector.candidates();
  }

  private void collect(Query query, QueryPlan.Collector collector) {
    QueryPlan plan = QueryPlan.of(query, table);
    if (plan.impossible()) {
      return;
    }
    // Two passes, so every exact match ranks before every typo match.
    for (int pass = EntryMatcher.EXACT; pass <= EntryMatcher.TYPO; pass++) {
      for (int rank = 0; rank < table.size() && !collector.full(); rank++) {
        if (table.matchesCategory(rank, plan.category())
            && EntryMatcher.tier(prefixKeys.get(rank), infixKeys.get(rank), plan, query.mode())
                == pass) {
          collector.offer(rank, pass == EntryMatcher.TYPO);
        }
      }
    }
  }

  @Override
  public List<Entry> top(@Nullable String category, int count) {
    return TopEntries.of(table, category, count);
  }

  @Override
  public List<Entry> entries() {
    return TopEntries.of(table, null, table.size());
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public long indexBytes() {
    return 0;
  }

  @Override
  public IndexDesign design() {
    return IndexDesign.BRUTE_FORCE;
  }
}
