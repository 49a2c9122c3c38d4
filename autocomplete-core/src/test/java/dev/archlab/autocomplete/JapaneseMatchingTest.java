package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JapaneseMatchingTest {

  private static final List<Entry> DICTIONARY =
      List.of(
          Entry.of("東京", 500, "place").withReadings("トウキョウ"),
          Entry.of("京都", 400, "place").withReadings("キョウト", "ミヤコ"),
          Entry.of("時計", 300, "noun").withReadings("トケイ"),
          Entry.of("特急", 200, "noun").withReadings("トッキュウ"),
          Entry.of("スーパー", 100, "noun"),
          Entry.of("token", 50, "en"));

  private static List<String> terms(Suggester suggester, String typed) {
    return suggester.suggest(Query.prefix(typed, 10)).stream().map(Suggestion::term).toList();
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void kanaReading_suggestsKanjiTerms(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of("東京"), terms(suggester, "とうき"));
    assertEquals(List.of("東京"), terms(suggester, "トウキ"));
    assertEquals(List.of("京都"), terms(suggester, "みや"));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void loneKanaOfAContractedSyllable_reachesIt(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of("京都"), terms(suggester, "き"));
    assertEquals(List.of("京都"), terms(suggester, "きょ"));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void halfTypedRomaji_matchesReadings(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of("東京"), terms(suggester, "toukyo"));
    assertEquals(List.of("東京"), terms(suggester, "toukyou"));
    assertEquals(List.of("京都"), terms(suggester, "kyo"));
    assertEquals(List.of("京都"), terms(suggester, "ky"));
    // "tok" may be the start of "tokyo" typed without its long vowel, so 東京 is in reach too.
    assertEquals(List.of("東京", "時計", "特急", "token"), terms(suggester, "tok"));
    assertTrue(terms(suggester, "to").containsAll(List.of("東京", "時計", "特急", "token")));
    assertEquals(List.of("スーパー"), terms(suggester, "su-pa-"));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void romajiWithoutLongVowels_reachesLongVowelReadings(IndexDesign design) {
    Suggester suggester =
        design.build(
            List.of(
                Entry.of("東京", 500, "place").withReadings("トウキョウ"),
                Entry.of("京都", 400, "place").withReadings("キョウト"),
                Entry.of("大阪", 300, "place").withReadings("オオサカ"),
                Entry.of("時計", 200, "noun").withReadings("トケイ"),
                Entry.of("龍", 100, "noun").withReadings("リュウ"),
                Entry.of("流通", 90, "noun").withReadings("リュウツウ")));
    assertEquals(List.of("東京"), terms(suggester, "tokyo"));
    assertEquals(List.of("東京"), terms(suggester, "toky"));
    assertEquals(List.of("京都"), terms(suggester, "kyoto"));
    assertEquals(List.of("大阪"), terms(suggester, "osaka"));
    assertEquals(List.of("流通"), terms(suggester, "ryutsu"));
    // The spelling as typed still comes first and still matches short vowels.
    assertEquals(List.of("時計"), terms(suggester, "toke"));
    assertEquals(List.of("東京"), terms(suggester, "toukyo"));
  }

  @ParameterizedTest
  @EnumSource(IndexDesign.class)
  void inputMethodMidComposition_kanaThenLetters(IndexDesign design) {
    Suggester suggester = design.build(DICTIONARY);
    assertEquals(List.of("時計", "特急"), terms(suggester, "とk"));
    assertEquals(List.of("特急"), terms(suggester, "とっk"));
  }
}
