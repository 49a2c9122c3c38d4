package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.archlab.autocomplete.SharedStates;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutocompleteQuickStartTest {

  @Test
  void docsSnippet_findsTokyoByRomajiCasesByInfixAndBoostsTheUsersChoice() {
    assertEquals(
        List.of("東京", "iphone case", "iphone case", "iphone"),
        AutocompleteQuickStart.run(SharedStates.inMemory()));
  }
}
