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
 * Both index designs return exactly what the brute-force model returns, for random dictionaries
 * over a small, collision-prone alphabet (Latin with accents, kana of both kinds, small kana, the
 * long-vowel mark, a supplementary ideograph, spaces and hyphens) and random queries in every mode.
 */
class SuggesterEquivalenceProperties {

  private static final String ALPHABET = "abkotyéAKア あいきょうーキョ-";
  private static final String SUPPLEMENTARY = "𠮷";
  // Keys of only Latin-1 chars take the sorted index's 8-bit packed heads; æ and ø stay above
  // 0x7f after normalisation (the top bit of a packed head), and long texts pass the 8-char head.
  private static final String LATIN = "abæøé -";

  record Case(List<Entry> entries, List<Query> queries) {}

  @Property(tries = 300)
  void everyDesignAgreesWithTheBruteForceModel(@ForAll("smallDictionaries") Case sample) {
    checkAgreement(sample);
    // Guards against a vacuous property: many queries must have answers to compare.
    Statistics.label("answer")
        .coverage(coverage -> coverage.check("found").percentage(p -> p > 20));
  }

  @Property(tries = 15)
  void everyDesignAgreesOnLargerDictionaries(@ForAll("largeDictionaries") Case sample) {
    checkAgreement(sample);
  }

  @Property(tries = 100)
  void everyDesignAgreesOnLatinOnlyDictionaries(@ForAll("latinDictionaries") Case sample) {
    checkAgreement(sample);
    Statistics.label("answer")
        .coverage(coverage -> coverage.check("found").percentage(p -> p > 20));
  }

  private static void checkAgreement(Case sample) {
    Suggester model = Suggesters.bruteForce(sample.entries());
    Suggester trie = Suggesters.compactTrie(sample.entries());
    Suggester sorted = Suggesters.sortedPrefixIndex(sample.entries());
    for (Query query : sample.queries()) {
      List<Suggestion> expected = model.suggest(query);
      Statistics.label("answer").collect(expected.isEmpty() ? "empty" : "found");
      Statistics.label("typo").collect(expected.stream().anyMatch(Suggestion::fuzzy));
      assertEquals(expected, trie.suggest(query), () -> "trie, " + query);
      assertEquals(expected, sorted.suggest(query), () -> "sorted index, " + query);
    }
  }

  @Provide
  Arbitrary<Case> smallDictionaries() {
    return cases(60, 15);
  }

  @Provide
  Arbitrary<Case> largeDictionaries() {
    return cases(800, 80);
  }

  @Provide
  Arbitrary<Case> latinDictionaries() {
    Arbitrary<String> texts = Arbitraries.strings().withChars(LATIN).ofMinLength(1).ofMaxLength(14);
    Arbitrary<Entry> entries =
        Combinators.combine(
                texts.filter(s -> !s.isBlank()),
                Arbitraries.longs().between(0, 6),
                Arbitraries.of("", "a", "b"))
            .as((t, w, c) -> new Entry(t, w, c, List.of(), null));
    return entries
        .list()
        .ofMinSize(1)
        .ofMaxSize(300)
        .flatMap(
            dictionary ->
                queries(dictionary, Arbitraries.strings().withChars(LATIN).ofMaxLength(3))
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(40)
                    .map(queries -> new Case(dictionary, queries)));
  }

  private static Arbitrary<Case> cases(int maxEntries, int maxQueries) {
    Arbitrary<List<Entry>> dictionaries = entries().list().ofMinSize(0).ofMaxSize(maxEntries);
    return dictionaries.flatMap(
        dictionary ->
            queries(dictionary, text(6))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxQueries)
                .map(queries -> new Case(dictionary, queries)));
  }

  private static Arbitrary<String> text(int maxLength) {
    return Arbitraries.strings()
        .withChars(ALPHABET)
        .withChars('\uD842')
        .ofMinLength(1)
        .ofMaxLength(maxLength)
        // A lone high surrogate becomes a whole supplementary ideograph.
        .map(s -> s.replace("\uD842", SUPPLEMENTARY));
  }

  private static Arbitrary<Entry> entries() {
    Arbitrary<String> texts = text(8).filter(s -> !s.isBlank());
    Arbitrary<Long> weights = Arbitraries.longs().between(0, 6);
    Arbitrary<String> categories = Arbitraries.of("", "a", "b");
    Arbitrary<List<String>> readings =
        Arbitraries.strings().withChars("アキョウトカタコきょとう").ofMaxLength(6).list().ofMaxSize(2);
    return Combinators.combine(texts, weights, categories, readings)
        .as((t, w, c, r) -> new Entry(t, w, c, r, null));
  }

  private static Arbitrary<Query> queries(List<Entry> dictionary, Arbitrary<String> randomTexts) {
    List<String> seeds = new ArrayList<>(List.of("kyo", "tok", "to", "k", "ky", "a b", "ab-"));
    for (Entry entry : dictionary) {
      String text = entry.text();
      seeds.add(text.substring(0, text.offsetByCodePoints(0, 1)));
      seeds.add(
          text.substring(
              0, text.offsetByCodePoints(0, (text.codePointCount(0, text.length()) + 1) / 2)));
      seeds.add(text);
      seeds.add(text + "a");
    }
    Arbitrary<String> texts =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, randomTexts),
            net.jqwik.api.Tuple.of(3, Arbitraries.of(seeds)));
    Arbitrary<Integer> limits = Arbitraries.integers().between(1, 12);
    Arbitrary<String> categories = Arbitraries.of("", "a", "b", "missing", "*");
    Arbitrary<MatchMode> modes = Arbitraries.of(MatchMode.class);
    return Combinators.combine(texts, limits, categories, modes)
        .as((t, l, c, m) -> new Query(t, l, c.equals("*") ? null : c, m));
  }
}
