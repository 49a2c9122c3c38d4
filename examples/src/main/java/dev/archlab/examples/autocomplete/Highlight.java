package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.TextNormalizer;

/** Which characters of a shown term the typed text matched, for the page to emphasise. */
final class Highlight {
  private Highlight() {}

  /**
   * {@code [start, end)} in the term's chars where a word of the term starts with the typed text
   * after normalisation, or null when the match was through a reading, romaji or a typo.
   */
  static int[] span(String term, String typed) {
    String query = TextNormalizer.normalize(typed);
    if (query.isEmpty() || term.length() > 400) {
      return null;
    }
    for (int start = 0; start < term.length(); start++) {
      boolean wordStart =
          start == 0
              || (Character.isLetterOrDigit(term.charAt(start))
                  && !Character.isLetterOrDigit(term.charAt(start - 1)));
      if (!wordStart || Character.isLowSurrogate(term.charAt(start))) {
        continue;
      }
      for (int end = start + 1; end <= term.length(); end++) {
        if (end < term.length() && Character.isLowSurrogate(term.charAt(end))) {
          continue;
        }
        String part = TextNormalizer.normalize(term.substring(start, end));
        if (part.startsWith(query)) {
          return new int[] {start, end};
        }
        if (!query.startsWith(part)) {
          break;
        }
      }
    }
    return null;
  }
}
