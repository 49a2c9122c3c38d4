package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void fullWidthMixedCaseAndUpperCase_normaliseAlike() {
    assertEquals("java", TextNormalizer.normalize("ｊａｖａ"));
    assertEquals("java", TextNormalizer.normalize("Java"));
    assertEquals("java", TextNormalizer.normalize("JAVA"));
    assertEquals("java", TextNormalizer.normalize("ＪＡＶＡ"));
  }

  @Test
  void katakanaHalfWidthAndHiragana_normaliseAlike() {
    assertEquals("とうきよう", TextNormalizer.normalize("トウキョウ"));
    assertEquals("とうきよう", TextNormalizer.normalize("ﾄｳｷｮｳ"));
    assertEquals("とうきよう", TextNormalizer.normalize("とうきょう"));
  }

  @Test
  void longVowelMark_becomesThePrecedingVowel() {
    assertEquals("すうぱあ", TextNormalizer.normalize("スーパー"));
    assertEquals("こおひい", TextNormalizer.normalize("コーヒー"));
  }

  @Test
  void latinDiacritics_areFoldedButJapaneseVoicingIsKept() {
    assertEquals("cafe creme", TextNormalizer.normalize("Café Crème"));
    assertEquals("strasse", TextNormalizer.normalize("Straße"));
    assertEquals("がぎ", TextNormalizer.normalize("ガギ"));
    assertEquals("ぱ", TextNormalizer.normalize("ﾊﾟ"));
  }

  @Test
  void whitespace_isCollapsedAndQueriesKeepOneTrailingSpace() {
    assertEquals("iphone case", TextNormalizer.normalize("  iPhone \t Case  "));
    assertEquals("iphone ", TextNormalizer.normalizeQuery("iphone   "));
  }

  @Test
  void controlsAndUnpairedSurrogates_areDropped() {
    assertEquals("ab", TextNormalizer.normalize("a\u0000\uD800b\u200B"));
    assertEquals("𠮷", TextNormalizer.normalize("𠮷"));
  }

  @Test
  void overlongInput_isCut() {
    String longText = "a".repeat(100_000);
    assertEquals(TextNormalizer.MAX_CODE_POINTS, TextNormalizer.normalize(longText).length());
  }

  @Property(tries = 300)
  void printableAscii_isLowerCasedWithSpacesCollapsed(
      @ForAll
          @net.jqwik.api.constraints.CharRange(from = ' ', to = '~')
          @net.jqwik.api.constraints.StringLength(max = 200)
          String text) {
    String expected = text.toLowerCase(java.util.Locale.ROOT).strip().replaceAll(" +", " ");
    assertEquals(expected, TextNormalizer.normalize(text));
  }

  @Property(tries = 500)
  void anyInput_neverThrowsAndIsIdempotent(@ForAll String text) {
    String once = TextNormalizer.normalize(text);
    assertEquals(once, TextNormalizer.normalize(once));
    assertTrue(once.codePointCount(0, once.length()) <= TextNormalizer.MAX_CODE_POINTS);
  }
}
