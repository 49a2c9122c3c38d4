package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * Half-typed romaji to kana prefixes. The typed letters are read greedily as Hepburn or
 * Kunrei-shiki syllables ("toukyo" -> とうきよ). Letters left over at the end are the start of
 * a syllable still being typed ("tok" -> とか, とき, とく, とけ, とこ, or とつ for a doubled
 * consonant), so one romaji query becomes a few kana prefixes. The kana are already in the
 * normalised alphabet (hiragana, small kana folded to full size), ready to match index keys.
 */
final class Romaji {

  private static final Map<String, String> SYLLABLES = new HashMap<>();
  private static final int LONGEST = 3;
  // Syllables per query whose long vowel may have been left out: 2 keeps it at 9 spellings.
  private static final int MAX_LONG_VOWELS = 2;
  // Endings for every unfinished syllable ("k", "ky", "sh", ...), computed once.
  private static final Map<String, List<String>> PENDING = new HashMap<>();

  static {
    String[] table = {
      "a:あ", "i:い", "u:う", "e:え", "o:お", "ka:か", "ki:き", "ku:く", "ke:け", "ko:こ", "kya:きや", "kyu:きゆ",
      "kyo:きよ", "sa:さ", "shi:し", "si:し", "su:す", "se:せ", "so:そ", "sha:しや", "shu:しゆ", "sho:しよ",
      "sya:しや", "syu:しゆ", "syo:しよ", "she:しえ", "ta:た", "chi:ち", "ti:ち", "tsu:つ", "tu:つ", "te:て",
      "to:と", "cha:ちや", "chu:ちゆ", "cho:ちよ", "tya:ちや", "tyu:ちゆ", "tyo:ちよ", "che:ちえ", "na:な", "ni:に",
      "nu:ぬ", "ne:ね", "no:の", "nya:にや", "nyu:にゆ", "nyo:によ", "ha:は", "hi:ひ", "fu:ふ", "hu:ふ", "he:へ",
      "ho:ほ", "hya:ひや", "hyu:ひゆ", "hyo:ひよ", "fa:ふあ", "fi:ふい", "fe:ふえ", "fo:ふお", "ma:ま", "mi:み",
      "mu:む", "me:め", "mo:も", "mya:みや", "myu:みゆ", "myo:みよ", "ya:や", "yu:ゆ", "yo:よ", "ra:ら", "ri:り",
      "ru:る", "re:れ", "ro:ろ", "rya:りや", "ryu:りゆ", "ryo:りよ", "wa:わ", "wo:を", "nn:ん", "n':ん", "ga:が",
      "gi:ぎ", "gu:ぐ", "ge:げ", "go:ご", "gya:ぎや", "gyu:ぎゆ", "gyo:ぎよ", "za:ざ", "ji:じ", "zi:じ", "zu:ず",
      "ze:ぜ", "zo:ぞ", "ja:じや", "ju:じゆ", "jo:じよ", "je:じえ", "jya:じや", "jyu:じゆ", "jyo:じよ", "zya:じや",
      "zyu:じゆ", "zyo:じよ", "da:だ", "di:ぢ", "du:づ", "de:で", "do:ど", "ba:ば", "bi:び", "bu:ぶ", "be:べ",
      "bo:ぼ", "bya:びや", "byu:びゆ", "byo:びよ", "pa:ぱ", "pi:ぴ", "pu:ぷ", "pe:ぺ", "po:ぽ", "pya:ぴや",
      "pyu:ぴゆ", "pyo:ぴよ", "va:ゔあ", "vi:ゔい", "vu:ゔ", "ve:ゔえ", "vo:ゔお", "-:ー",
    };
    for (String row : table) {
      int colon = row.indexOf(':');
      SYLLABLES.put(row.substring(0, colon), row.substring(colon + 1));
    }
    for (String romaji : List.copyOf(SYLLABLES.keySet())) {
      for (int length = 1; length < romaji.length(); length++) {
        String rest = romaji.substring(0, length);
        PENDING.computeIfAbsent(rest, Romaji::pendingEndings);
      }
    }
    for (char c = 'a'; c <= 'z'; c++) {
      PENDING.computeIfAbsent(String.valueOf(c), Romaji::pendingEndings);
    }
  }

  private Romaji() {}

  /**
   * The kana prefixes a normalised query may stand for: for {@code "tok"} the five prefixes {@code
   * とか} to {@code とこ} plus {@code とつ}, then the same after {@code とう} and {@code とお} (a long vowel
   * the user may have left out, see {@link #withLongVowels}); the spelling as typed comes first.
   * Leading kana are kept ({@code "とk"} works too, as an input method shows mid-composition). Empty
   * when the trailing letters are not romaji.
   */
  static List<String> kanaPrefixes(String normalizedQuery) {
    int split = normalizedQuery.length();
    while (split > 0 && isRomajiChar(normalizedQuery.charAt(split - 1))) {
      split--;
    }
    String head = normalizedQuery.substring(0, split);
    String letters = normalizedQuery.substring(split);
    if (letters.isEmpty() || letters.length() > 64 || !onlyKana(head)) {
      return List.of();
    }
    List<String> pieces = new ArrayList<>();
    List<String> spellings = new ArrayList<>();
    int i = 0;
    while (i < letters.length()) {
      StringBuilder piece = new StringBuilder(3);
      int consumed = readSyllable(letters, i, piece);
      if (consumed == 0) {
        break;
      }
      pieces.add(piece.toString());
      spellings.add(letters.substring(i, i + consumed));
      i += consumed;
    }
    String rest = letters.substring(i);
    List<String> endings = rest.isEmpty() ? List.of("") : PENDING.getOrDefault(rest, List.of());
    List<String> prefixes = new ArrayList<>();
    for (String done : withLongVowels(head, pieces, spellings, rest.isEmpty())) {
      // The table's kana are already normalised; only a long-vowel mark needs the full pass.
      String kana = done.indexOf('ー') >= 0 ? TextNormalizer.normalize(done) : done;
      for (String ending : endings) {
        prefixes.add(kana + ending);
      }
    }
    return prefixes;
  }

  /**
   * The kana as typed first, then the spellings with an omitted long vowel restored: people type
   * "tokyo" for とうきょう and "osaka" for おおさか, so a syllable ending in o may also stand for おう or おお,
   * and one ending in u for うう. Only the first {@link #MAX_LONG_VOWELS} such syllables are varied,
   * to keep the lookups per query few; a syllable already followed by its vowel or a long-vowel
   * mark ("toukyo", "to-") and a final syllable (its prefix covers the long form) are left alone.
   */
  private static List<String> withLongVowels(
      String head, List<String> pieces, List<String> spellings, boolean lastIsComplete) {
    List<String> variants = new ArrayList<>(List.of(head));
    int varied = 0;
    for (int p = 0; p < pieces.size(); p++) {
      String spelling = spellings.get(p);
      char vowel = spelling.charAt(spelling.length() - 1);
      boolean last = p == pieces.size() - 1;
      boolean nextIsVowel = !last && "uo-".indexOf(spellings.get(p + 1).charAt(0)) >= 0;
      // A bare vowel after an o or u syllable is the long vowel itself, typed out.
      boolean typedLongVowel =
          spelling.length() == 1 && p > 0 && "uo".indexOf(lastChar(spellings.get(p - 1))) >= 0;
      boolean vary =
          (vowel == 'o' || vowel == 'u')
              && !typedLongVowel
              && !(last && lastIsComplete)
              && !nextIsVowel
              && varied < MAX_LONG_VOWELS;
      List<String> next = new ArrayList<>(variants.size() * (vary ? 3 : 1));
      for (String variant : variants) {
        String plain = variant + pieces.get(p);
        next.add(plain);
      }
      if (vary) {
        varied++;
        for (String variant : variants) {
          String plain = variant + pieces.get(p);
          next.add(plain + "う");
          if (vowel == 'o') {
            next.add(plain + "お");
          }
        }
      }
      variants = next;
    }
    return variants;
  }

  private static char lastChar(String text) {
    return text.charAt(text.length() - 1);
  }

  private static boolean isRomajiChar(char c) {
    return (c >= 'a' && c <= 'z') || c == '\'' || c == '-';
  }

  private static boolean onlyKana(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!TextNormalizer.isKana(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Appends one syllable read at {@code from}; returns the letters consumed, 0 when stuck. */
  private static int readSyllable(String letters, int from, StringBuilder kana) {
    char c = letters.charAt(from);
    boolean hasNext = from + 1 < letters.length();
    if (hasNext && c != 'n' && isConsonant(c) && letters.charAt(from + 1) == c) {
      kana.append('つ');
      return 1;
    }
    if (c == 'n' && hasNext) {
      char next = letters.charAt(from + 1);
      if (isConsonant(next) && next != 'y' && next != 'n') {
        kana.append('ん');
        return 1;
      }
    }
    for (int length = Math.min(LONGEST, letters.length() - from); length > 0; length--) {
      String kanaSyllable = SYLLABLES.get(letters.substring(from, from + length));
      if (kanaSyllable != null) {
        kana.append(kanaSyllable);
        return length;
      }
    }
    return 0;
  }

  private static boolean isConsonant(char c) {
    return c >= 'a' && c <= 'z' && "aiueo".indexOf(c) < 0;
  }

  /**
   * Kana that letters still being typed can begin: every syllable whose romaji starts with them,
   * plus the small tsu of a doubled consonant, keeping only the shortest distinct prefixes.
   */
  private static List<String> pendingEndings(String rest) {
    if (rest.length() > LONGEST) {
      return List.of();
    }
    Set<String> endings = new LinkedHashSet<>();
    SYLLABLES.forEach(
        (romaji, kana) -> {
          if (romaji.startsWith(rest) && !romaji.equals(rest)) {
            endings.add(TextNormalizer.normalize(kana));
          }
        });
    if (rest.length() == 1 && isConsonant(rest.charAt(0)) && rest.charAt(0) != 'n') {
      endings.add("つ");
    }
    if (rest.equals("n")) {
      endings.add("ん");
    }
    List<String> minimal = new ArrayList<>();
    for (String ending : endings) {
      boolean covered = false;
      for (String other : endings) {
        if (!other.equals(ending) && ending.startsWith(other)) {
          covered = true;
          break;
        }
      }
      if (!covered && !ending.isEmpty()) {
        minimal.add(ending);
      }
    }
    minimal.sort(null);
    return List.copyOf(minimal);
  }
}
