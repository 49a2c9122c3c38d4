package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.autocomplete.Query;
import dev.archlab.autocomplete.Ranking;
import dev.archlab.autocomplete.SharedState;
import dev.archlab.autocomplete.SharedStates;
import dev.archlab.autocomplete.Suggester;
import dev.archlab.autocomplete.Suggesters;
import dev.archlab.autocomplete.Suggestion;
import java.util.ArrayList;
import java.util.List;

/** The code quoted in docs/autocomplete.md, compiled and run by a test. */
public final class AutocompleteQuickStart {
  private AutocompleteQuickStart() {}

  /** Runs the snippet against the given shared state; returns the terms it saw, in order. */
  public static List<String> run(SharedState sharedState) {
    List<String> seen = new ArrayList<>();
    // --- snippet start
    List<Entry> entries =
        List.of(
            Entry.of("東京", 16997, "ja-place").withReadings("トウキョウ"),
            Entry.of("iphone case", 800, "accessories"),
            Entry.of("iphone", 900, "phones"));
    Suggester index = Suggesters.sortedPrefixIndex(entries); // or Suggesters.compactTrie
    List<Suggestion> tokyo = index.suggest(Query.prefix("toukyo", 10)); // [東京]
    List<Suggestion> cases =
        index.suggest(Query.prefix("case", 10).withMode(MatchMode.INFIX).inCategory("accessories"));

    try (LiveSuggester live =
        LiveSuggester.builder(entries)
            .sharedState(sharedState) // SharedStates.redis(uri, "shop", Duration.ofHours(3))
            .ranking(new Ranking("A", 1_000, 1_000_000))
            .abTest(new Ranking("B", 0, 1_000_000), 0.5)
            .build()) {
      live.recordSelection("session-42", "iphone case");
      List<Suggestion> boosted = live.suggest(Query.prefix("ip", 8), "session-42");
      // --- snippet end
      tokyo.forEach(s -> seen.add(s.term()));
      cases.forEach(s -> seen.add(s.term()));
      boosted.forEach(s -> seen.add(s.term()));
    }
    return seen;
  }

  public static void main(String[] args) {
    System.out.println(run(SharedStates.inMemory()));
  }
}
