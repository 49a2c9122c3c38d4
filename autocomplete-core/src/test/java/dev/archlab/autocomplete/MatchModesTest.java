package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatchModesTest {

  private static final List<Entry> DICTIONARY =
      List.of(
          Entry.of("iphone", 900, "phones"),
          Entry.of("iphone case", 800, "accessories"),
          Entry.of("case", 10, "accessories"),
          Entry.of("phone case", 300, "accessories"),
          Entry.of("Java", 700, "books"),
          Entry.of("javascript", 600, "books"),
          Entry.of("jaguar", 650, "cars"),
          Entry.of("Java", 100, "coffee"),
          Entry.of("keyboard", 500, "accessories"));

  private static List<String> terms(Suggester suggester, Query query) {
    return suggester.suggest(query).stream().map(Suggestion::term).toList();
  }

  private static Query fuzzy(String text) {
    return Query.prefix(text, 10).withMode(MatchMode.FUZZY);
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void prefix_ranksByWeightThenTextAndShowsEachTextOnce(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of("Java", "jaguar", "javascript"), terms(suggester, Query.prefix("ja", 10)));
    assertEquals(List.of("Java", "javascript"), terms(suggester, Query.prefix("ｊａｖａ", 10)));
    assertEquals(List.of("Java"), terms(suggester, Query.prefix("JAVA", 1)));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void romajiKana_reachKeysStartingWithTheLongVowelMarkOrKanaAtAWordStart(IndexDesign design) {
    // No key starts with hiragana in either dictionary, yet romaji has keys to reach: "-" is ー,
    // and "y" is a kana prefix of the word-start key よい.
    Suggester longVowel = design.build(List.of(Entry.of("ー", 0), Entry.of("-a", 1)));
    assertEquals(List.of("-a", "ー"), terms(longVowel, Query.prefix("-", 10)));
    Suggester wordStart = design.build(List.of(Entry.of("-ョい", 1)));
    assertEquals(List.of("-ョい"), terms(wordStart, Query.prefix("y", 10).withMode(MatchMode.INFIX)));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void categoryFilter_appliesInEveryMode(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    List<Suggestion> coffee = suggester.suggest(Query.prefix("java", 10).inCategory("coffee"));
    assertEquals(1, coffee.size());
    assertEquals(100, coffee.get(0).weight());
    assertEquals(
        List.of("iphone case", "phone case", "case"),
        terms(suggester, Query.prefix("case", 10).withMode(MatchMode.INFIX)));
    assertEquals(
        List.of("phone case"),
        terms(
            suggester,
            Query.prefix("phone", 10).inCategory("accessories").withMode(MatchMode.INFIX)));
    assertEquals(List.of("jaguar"), terms(suggester, fuzzy("jaugar").inCategory("cars")));
    assertEquals(List.of(), terms(suggester, Query.prefix("java", 10).inCategory("nope")));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void fuzzy_findsOneTypoAfterExactMatches(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of(), suggester.suggest(fuzzy("kexbaord")), "two edits are not one");
    assertEquals(1, suggester.suggest(fuzzy("keyboadr")).size(), "an adjacent swap is one edit");
    List<Suggestion> found = suggester.suggest(fuzzy("kyeb"));
    assertEquals(List.of("keyboard"), found.stream().map(Suggestion::term).toList());
    assertTrue(found.get(0).fuzzy());
    found = suggester.suggest(fuzzy("iphon"));
    assertEquals(
        List.of("iphone", "iphone case", "phone case"),
        found.stream().map(Suggestion::term).toList());
    assertFalse(found.get(0).fuzzy() || found.get(1).fuzzy());
    assertTrue(found.get(2).fuzzy());
    assertEquals(List.of(), terms(suggester, fuzzy("jav").inCategory("cars")), "3 chars: no typos");
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void hostileInput_neverThrows(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    for (MatchMode mode : MatchMode.values()) {
      for (String text :
          List.of("", " ", "\uD800", "\u0000\u0001", "a".repeat(100_000), "𠮷𠮷𠮷𠮷", "<b>x</b>")) {
        suggester.suggest(Query.prefix(text, 10).withMode(mode));
      }
    }
    assertEquals(List.of(), terms(suggester, Query.prefix("   ", 5)));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void badArguments_areRejectedWithTheValue(IndexDesign design) {
    IllegalArgumentException limit =
        assertThrows(IllegalArgumentException.class, () -> Query.prefix("a", 0));
    assertTrue(limit.getMessage().contains("0"));
    IllegalArgumentException weight =
        assertThrows(IllegalArgumentException.class, () -> Entry.of("a", -3));
    assertTrue(weight.getMessage().contains("-3"));
    assertThrows(IllegalArgumentException.class, () -> Entry.of(" ", 1));
    assertEquals(DICTIONARY.size(), design.build(DICTIONARY).size());
  }
}
