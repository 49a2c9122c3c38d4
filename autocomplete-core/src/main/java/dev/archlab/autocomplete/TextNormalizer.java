package dev.archlab.autocomplete;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one text normalisation every index key and every query goes through, so that {@code ｊａｖａ},
 * {@code Java} and {@code JAVA} match alike, and so do katakana and hiragana.
 *
 * <p>Steps, in order: cut to {@link #MAX_CODE_POINTS} code points; drop unpaired surrogates and
 * control or format characters; Unicode NFKC (full-width and half-width forms fold here); case
 * folding (upper then lower case, so {@code ß} becomes {@code ss}); diacritics removed from Latin
 * letters only (Japanese voicing marks are kept); katakana to hiragana; small kana to their full
 * size ({@code ょ} to {@code よ}, so a lone {@code き} reaches {@code きょ}); the long-vowel mark {@code
 * ー} after a kana becomes that kana's vowel; whitespace runs become one space.
 *
 * <p>Thread safety: stateless; all methods are safe from any thread. Never throws on any input.
 *
 * @since 0.1
 */
public final class TextNormalizer {

  /** Longer input is cut to this many code points before anything else happens. */
  public static final int MAX_CODE_POINTS = 200;

  // Vowel of each hiragana from U+3041 (ぁ) to U+3096 (ゖ); 'n' marks ん (no vowel).
  private static final String HIRAGANA =
      "ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ";
  private static final String VOWELS =
      "aaiiuueeooaaiiuueeooaaiiuueeooaaiiuuueeooaiueoaaaiiiuuueeeoooaiueoaauuooaiueoaaieonuae";
  private static final String SMALL = "ぁぃぅぇぉっゃゅょゎゕゖ";
  private static final String LARGE = "あいうえおつやゆよわかけ";

  static {
    assert HIRAGANA.length() == VOWELS.length() : HIRAGANA.length() + " vs " + VOWELS.length();
  }

  private TextNormalizer() {}

  /**
   * Normalises an entry's text or reading: every step above, with leading and trailing spaces
   * removed.
   *
   * @param text any string, including malformed UTF-16
   * @return the normalised key, possibly empty
   */
  public static String normalize(String text) {
    return normalize(text, false);
  }

  /**
   * Normalises typed query text like {@link #normalize(String)}, but keeps one trailing space, so
   * that {@code "iphone "} asks for the next word rather than for {@code iphones}.
   *
   * @param text any string, including malformed UTF-16
   * @return the normalised query, possibly empty
   */
  public static String normalizeQuery(String text) {
    return normalize(text, true);
  }

  private static String normalize(String text, boolean keepTrailingSpace) {
    String ascii = asciiFastPath(text, keepTrailingSpace);
    if (ascii != null) {
      return ascii;
    }
    String clean = dropUnsafe(text);
    String folded = Normalizer.normalize(clean, Normalizer.Form.NFKC);
    folded = foldCase(folded);
    folded = foldLatinDiacritics(folded);
    String result = foldKanaAndSpaces(folded, keepTrailingSpace);
    // NFKC can expand a character ("㍻" to two), so the limit is applied again at the end.
    if (result.codePointCount(0, result.length()) > MAX_CODE_POINTS) {
      result = result.substring(0, result.offsetByCodePoints(0, MAX_CODE_POINTS));
      if (!keepTrailingSpace) {
        result = result.stripTrailing();
      }
    }
    return result;
  }

  /**
   * Printable ASCII is already NFKC and needs no diacritic or kana folding: lower-case it and
   * collapse spaces in one pass. Null when the text has anything else (or is too long).
   */
  private static @Nullable String asciiFastPath(String text, boolean keepTrailingSpace) {
    int length = text.length();
    if (length > MAX_CODE_POINTS) {
      return null;
    }
    if (isPlainAscii(text, keepTrailingSpace)) {
      return text; // typed text is mostly normalised already: nothing to allocate
    }
    char[] out = new char[length];
    int used = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        pendingSpace = used > 0;
        continue;
      }
      if (c < 0x21 || c > 0x7e) {
        return null;
      }
      if (pendingSpace) {
        out[used++] = ' ';
        pendingSpace = false;
      }
      out[used++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    if (pendingSpace && keepTrailingSpace) {
      out[used++] = ' ';
    }
    return new String(out, 0, used);
  }

  /**
   * True when the fast path would return the text unchanged: printable ASCII without upper case,
   * without leading or repeated spaces, and without a trailing one unless it is kept.
   */
  private static boolean isPlainAscii(String text, boolean keepTrailingSpace) {
    char previous = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || (c >= 'A' && c <= 'Z') || (c == ' ' && previous == ' ')) {
        return false;
      }
      previous = c;
    }
    return keepTrailingSpace || previous != ' ' || text.isEmpty();
  }

  private static String foldCase(String text) {
    String once = text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    // A second round settles letters whose lower case upper-cases further (capital sharp s).
    return once.chars().allMatch(c -> c < 0x80)
        ? once
        : once.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /** Cuts to the length limit and drops unpaired surrogates, controls and format characters. */
  private static String dropUnsafe(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS * 2));
    int kept = 0;
    for (int i = 0; i < text.length() && kept < MAX_CODE_POINTS; ) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        kept++;
        continue;
      }
      i++;
      if (Character.isSurrogate(c)) {
        continue;
      }
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        // Tabs and newlines still separate words; other controls vanish.
        if (Character.isWhitespace(c)) {
          out.append(' ');
          kept++;
        }
        continue;
      }
      out.append(c);
      kept++;
    }
    return out.toString();
  }

  private static String foldLatinDiacritics(String text) {
    boolean hasLatinNonAscii = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7f && c < 0x2000) {
        hasLatinNonAscii = true;
        break;
      }
    }
    if (!hasLatinNonAscii) {
      return text;
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    Character.UnicodeScript baseScript = Character.UnicodeScript.COMMON;
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        if (baseScript == Character.UnicodeScript.LATIN) {
          continue;
        }
      } else {
        baseScript = Character.UnicodeScript.of(cp);
      }
      out.appendCodePoint(cp);
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  private static String foldKanaAndSpaces(String text, boolean keepTrailingSpace) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(foldKana(c, out));
    }
    if (pendingSpace && keepTrailingSpace) {
      out.append(' ');
    }
    return out.toString();
  }

  private static char foldKana(char c, CharSequence before) {
    char k = c;
    if (k >= '\u30a1' && k <= '\u30f6') {
      k = (char) (k - 0x60);
    }
    int small = SMALL.indexOf(k);
    if (small >= 0) {
      return LARGE.charAt(small);
    }
    if (k == 'ー' && before.length() > 0) {
      char previous = before.charAt(before.length() - 1);
      int index = HIRAGANA.indexOf(previous);
      if (index >= 0 && VOWELS.charAt(index) != 'n') {
        return "あいうえお".charAt("aiueo".indexOf(VOWELS.charAt(index)));
      }
    }
    return k;
  }

  /** True for the hiragana block that normalised readings are written in. */
  static boolean isKana(char c) {
    return c >= '\u3041' && c <= '\u3096';
  }
}
