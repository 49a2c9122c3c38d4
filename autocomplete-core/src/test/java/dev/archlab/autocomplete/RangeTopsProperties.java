package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The kept best ranks of heavy ranges change no answer: an index that keeps them for every range of
 * at least {@link RangeTops#KEPT} keys streams exactly the ranks, in the same order, of one that
 * keeps none, for every prefix and category, drained to the end (past the kept ranks).
 */
class RangeTopsProperties {

  record Case(List<Entry> entries, List<String> prefixes) {}

  @Property(tries = 60)
  void keptRanks_streamExactlyWhatTheWalkStreams(@ForAll("dictionaries") Case sample) {
    EntryTable table = EntryTable.of(sample.entries());
    KeySet keys = KeySet.prefixKeys(table);
    KeyIndex walked = new SortedPrefixIndex(keys, table, Integer.MAX_VALUE);
    KeyIndex kept = new SortedPrefixIndex(keys, table, RangeTops.KEPT);
    KeyIndex trieWalked = new CompactTrieIndex(keys, table, Integer.MAX_VALUE);
    KeyIndex trieKept = new CompactTrieIndex(keys, table, RangeTops.KEPT);
    for (String prefix : sample.prefixes()) {
      for (int category = -1; category <= 1; category++) {
        List<Integer> expected = drain(walked.stream(prefix, category));
        Statistics.label("past the kept ranks").collect(expected.size() > RangeTops.KEPT);
        assertEquals(expected, drain(kept.stream(prefix, category)), () -> "sorted, " + prefix);
        assertEquals(expected, drain(trieWalked.stream(prefix, category)), () -> "trie, " + prefix);
        assertEquals(expected, drain(trieKept.stream(prefix, category)), () -> "kept, " + prefix);
      }
    }
    Statistics.label("past the kept ranks")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
  }

  private static List<Integer> drain(KeyIndex.RankStream stream) {
    List<Integer> out = new ArrayList<>();
    for (int rank = stream.next(); rank >= 0; rank = stream.next()) {
      out.add(rank);
    }
    return out;
  }

  @Provide
  Arbitrary<Case> dictionaries() {
    Arbitrary<String> texts =
        Arbitraries.strings().withChars("abcあ-").ofMinLength(1).ofMaxLength(6);
    Arbitrary<Entry> entries =
        Combinators.combine(texts, Arbitraries.longs().between(0, 20), Arbitraries.of("a", "b"))
            .as((t, w, c) -> new Entry(t, w, c, List.of(), null));
    return Combinators.combine(
            entries.list().ofMinSize(20).ofMaxSize(400),
            Arbitraries.strings().withChars("abcあ-").ofMaxLength(3).list().ofSize(12))
        .as(Case::new);
  }
}
