package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Romaji typed without its long vowels still reaches the reading that has them: for words made of
 * random syllables, where a long vowel (う after o or u, お after o) may follow any of the first two
 * o/u syllables that are not last, the romaji spelled without those vowels yields a kana prefix of
 * the reading, and the spelling as typed always comes first.
 */
class RomajiProperties {

  private static final String[][] SYLLABLES = {
    {"to", "と"}, {"kyo", "きよ"}, {"sa", "さ"}, {"ka", "か"}, {"ryu", "りゆ"},
    {"ki", "き"}, {"mo", "も"}, {"su", "す"}, {"ho", "ほ"}, {"ji", "じ"},
  };

  /** One syllable and the long vowel written after it in the reading ("" for none). */
  record Syllable(int index, String longVowel) {}

  @Property(tries = 500)
  void romajiWithoutLongVowels_reachesTheReading(@ForAll("words") List<Syllable> word) {
    StringBuilder typed = new StringBuilder();
    StringBuilder asTyped = new StringBuilder();
    StringBuilder reading = new StringBuilder();
    int lengthened = 0;
    for (int i = 0; i < word.size(); i++) {
      String[] syllable = SYLLABLES[word.get(i).index()];
      typed.append(syllable[0]);
      asTyped.append(syllable[1]);
      reading.append(syllable[1]);
      char vowel = syllable[0].charAt(syllable[0].length() - 1);
      boolean eligible = (vowel == 'o' || vowel == 'u') && i < word.size() - 1;
      String longVowel = word.get(i).longVowel();
      if (eligible && lengthened < 2 && (longVowel.equals("う") || vowel == 'o')) {
        reading.append(longVowel);
      }
      if (eligible) {
        lengthened++;
      }
    }
    List<String> prefixes = Romaji.kanaPrefixes(typed.toString());
    assertEquals(asTyped.toString(), prefixes.get(0), "the spelling as typed comes first");
    assertTrue(
        prefixes.stream().anyMatch(p -> reading.toString().startsWith(p)),
        () -> typed + " gave " + prefixes + ", none a prefix of " + reading);
  }

  @Provide
  Arbitrary<List<Syllable>> words() {
    Arbitrary<Syllable> syllable =
        Arbitraries.integers()
            .between(0, SYLLABLES.length - 1)
            .flatMap(
                i -> Arbitraries.of("", "う", "お").map(longVowel -> new Syllable(i, longVowel)));
    return syllable.list().ofMinSize(1).ofMaxSize(5);
  }
}
