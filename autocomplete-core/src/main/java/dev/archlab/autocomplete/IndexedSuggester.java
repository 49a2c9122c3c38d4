package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The query engine shared by the index designs: it plans the query, merges the designs' rank
 * streams (several prefixes for romaji, infix keys, one-typo candidates) best first, and collects
 * one suggestion per text.
 */
final class IndexedSuggester implements Suggester, CandidateSource {

  private final IndexDesign design;
  private final EntryTable table;
  private final KeyIndex prefixKeys;
  private final @Nullable KeyIndex infixKeys;
  private final boolean kanaKeys;

  IndexedSuggester(
      IndexDesign design,
      EntryTable table,
      KeyIndex prefixKeys,
      @Nullable KeyIndex infixKeys,
      boolean kanaKeys) {
    this.design = design;
    this.table = table;
    this.prefixKeys = prefixKeys;
    this.infixKeys = infixKeys;
    this.kanaKeys = kanaKeys;
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

  @Override
  public List<Entry> top(@Nullable String category, int count) {
    return TopEntries.of(table, category, count);
  }

  @Override
  public List<Entry> entries() {
    return TopEntries.of(table, null, table.size());
  }

  private void collect(Query query, QueryPlan.Collector collector) {
    KeyIndex words = infixKeys;
    if (query.mode() == MatchMode.INFIX && words == null) {
      throw new UnsupportedOperationException(
          "this suggester was built prefix-only; build it with infix keys for INFIX queries");
    }
    // Romaji becomes kana prefixes; a dictionary with no kana keys cannot match them.
    QueryPlan plan = QueryPlan.of(query, table, kanaKeys);
    if (plan.impossible()) {
      return;
    }
    List<KeyIndex.RankStream> exact = new ArrayList<>(2);
    for (String prefix : plan.prefixes()) {
      exact.add(prefixKeys.stream(prefix, plan.category()));
      if (words != null && query.mode() == MatchMode.INFIX) {
        exact.add(words.stream(prefix, plan.category()));
      }
    }
    drain(merge(exact), collector, false);

    // Typo matches come after every exact match, so they are a second, separate pass.
    if (query.mode() == MatchMode.FUZZY && !collector.full() && plan.fuzzyEligible()) {
      List<KeyIndex.RankStream> typos = new ArrayList<>();
      for (String candidate : Edits.candidates(plan.normalized(), this::nextCodePoints)) {
        typos.add(prefixKeys.stream(candidate, plan.category()));
      }
      drain(merge(typos), collector, true);
    }
  }

  private static void drain(
      KeyIndex.RankStream stream, QueryPlan.Collector collector, boolean fuzzy) {
    for (int rank = stream.next(); rank >= 0; rank = stream.next()) {
      if (collector.offer(rank, fuzzy)) {
        return;
      }
    }
  }

  /** Code points that follow {@code head} in some prefix key (surrogate pairs joined). */
  private int[] nextCodePoints(String head) {
    String chars = prefixKeys.nextChars(head);
    int[] out = new int[chars.length()];
    int count = 0;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (Character.isHighSurrogate(c)) {
        String lows = prefixKeys.nextChars(head + c);
        out = Arrays.copyOf(out, out.length + lows.length());
        for (int j = 0; j < lows.length(); j++) {
          out[count++] = Character.toCodePoint(c, lows.charAt(j));
        }
      } else {
        out[count++] = c;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** Merges streams into one non-decreasing stream (duplicates kept, the collector drops them). */
  private static KeyIndex.RankStream merge(List<KeyIndex.RankStream> streams) {
    if (streams.size() == 1) {
      return streams.get(0);
    }
    IntHeap heads = new IntHeap();
    for (int i = 0; i < streams.size(); i++) {
      int head = streams.get(i).next();
      if (head >= 0) {
        heads.push(head, i, 0, 0);
      }
    }
    return () -> {
      if (heads.isEmpty()) {
        return -1;
      }
      int rank = heads.topKey();
      int source = heads.topFirst();
      heads.pop();
      int following = streams.get(source).next();
      if (following >= 0) {
        heads.push(following, source, 0, 0);
      }
      return rank;
    };
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public long indexBytes() {
    return prefixKeys.bytes() + (infixKeys == null ? 0 : infixKeys.bytes());
  }

  @Override
  public IndexDesign design() {
    return design;
  }
}
