package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * After any sequence of selections, blocks, puts, removes and rebuilds, the live suggester answers
 * exactly what a brute-force model over the effective entries, reweighted by live score, answers;
 * the result cache never serves a stale answer.
 */
class LiveSuggesterProperties {

  private static final long MINUTE = 29_000_000L;
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.ofEpochMilli(MINUTE * 60_000 + 30_000));
  private static final double POPULARITY_WEIGHT = 3;
  private static final double HISTORY_BOOST = 50;
  private static final List<String> WORDS = List.of("ab", "abc", "b a", "ba", "abd", "bb", "a");
  private static final List<String> USERS = List.of("u1", "u2");

  sealed interface Op permits Select, Block, Unblock, Put, Remove, Rebuild {}

  record Select(String user, String term) implements Op {}

  record Block(String term) implements Op {}

  record Unblock(String term) implements Op {}

  record Put(Entry entry) implements Op {}

  record Remove(String text, String category) implements Op {}

  record Rebuild() implements Op {}

  @Property(tries = 60)
  void liveAnswersEqualTheModelAfterAnyOperations(
      @ForAll("catalogs") List<Entry> catalog,
      @ForAll("operations") List<Op> ops,
      @ForAll IndexDesign design) {
    Map<String, Entry> effective = new LinkedHashMap<>();
    catalog.forEach(e -> effective.putIfAbsent(e.text() + "|" + e.category(), e));
    Map<String, Long> selections = new HashMap<>();
    Map<String, List<String>> histories = new HashMap<>();
    Set<String> blocked = new HashSet<>();
    try (LiveSuggester live =
        LiveSuggester.builder(effective.values())
            .design(design)
            .clock(CLOCK)
            .ranking(new Ranking("A", POPULARITY_WEIGHT, HISTORY_BOOST))
            .build()) {
      for (Op op : ops) {
        switch (op) {
          case Select s -> {
            live.recordSelection(s.user(), s.term());
            selections.merge(s.term(), 1L, Long::sum);
            List<String> history = histories.computeIfAbsent(s.user(), u -> new ArrayList<>());
            history.remove(s.term());
            history.add(0, s.term());
          }
          case Block b -> {
            live.block(b.term());
            blocked.add(b.term());
          }
          case Unblock u -> {
            live.unblock(u.term());
            blocked.remove(u.term());
          }
          case Put p -> {
            live.put(p.entry());
            effective.put(p.entry().text() + "|" + p.entry().category(), p.entry());
          }
          case Remove r -> {
            live.remove(r.text(), r.category());
            effective.remove(r.text() + "|" + r.category());
          }
          case Rebuild r -> live.rebuild();
        }
        live.refresh();
        for (String user : List.of("u1", "u2", "nobody")) {
          Suggester model =
              model(
                  effective.values(), selections, histories.getOrDefault(user, List.of()), blocked);
          for (String typed : List.of("a", "ab", "b", "ba ", "abcd")) {
            for (MatchMode mode : MatchMode.values()) {
              Query query = Query.prefix(typed, 3).withMode(mode);
              assertEquals(
                  model.suggest(query), live.suggest(query, user), () -> user + " " + query);
            }
          }
        }
      }
      assertEquals(
          model(effective.values(), selections, List.of(), blocked).suggest(Query.prefix("", 1)),
          List.of());
    }
  }

  private static Suggester model(
      Iterable<Entry> entries,
      Map<String, Long> selections,
      List<String> history,
      Set<String> blocked) {
    List<Entry> reweighted = new ArrayList<>();
    for (Entry entry : entries) {
      if (isBlocked(entry, blocked)) {
        continue;
      }
      double score =
          entry.weight()
              + POPULARITY_WEIGHT * selections.getOrDefault(entry.text(), 0L)
              + (history.contains(entry.text()) ? HISTORY_BOOST : 0);
      reweighted.add(entry.withWeight(Math.round(score)));
    }
    return Suggesters.bruteForce(reweighted);
  }

  private static boolean isBlocked(Entry entry, Set<String> blocked) {
    String padded = " " + TextNormalizer.normalize(entry.text()) + " ";
    return blocked.stream().anyMatch(term -> padded.contains(" " + term + " "));
  }

  @Provide
  Arbitrary<List<Entry>> catalogs() {
    Arbitrary<Entry> entries =
        Combinators.combine(
                Arbitraries.of(WORDS), Arbitraries.longs().between(0, 20), Arbitraries.of("", "x"))
            .as(Entry::of);
    return entries.list().ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<String> words = Arbitraries.of(WORDS);
    Arbitrary<Op> select = Combinators.combine(Arbitraries.of(USERS), words).as(Select::new);
    Arbitrary<Op> block = Arbitraries.of("ab", "a", "bb").map(Block::new);
    Arbitrary<Op> unblock = Arbitraries.of("ab", "a", "bb").map(Unblock::new);
    Arbitrary<Op> put =
        Combinators.combine(words, Arbitraries.longs().between(0, 20), Arbitraries.of("", "x"))
            .as((t, w, c) -> (Op) new Put(Entry.of(t, w, c)));
    Arbitrary<Op> remove = Combinators.combine(words, Arbitraries.of("", "x")).as(Remove::new);
    Arbitrary<Op> rebuild = Arbitraries.just(new Rebuild());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, select),
            net.jqwik.api.Tuple.of(1, block),
            net.jqwik.api.Tuple.of(1, unblock),
            net.jqwik.api.Tuple.of(2, put),
            net.jqwik.api.Tuple.of(2, remove),
            net.jqwik.api.Tuple.of(1, rebuild))
        .list()
        .ofMaxSize(8);
  }
}
