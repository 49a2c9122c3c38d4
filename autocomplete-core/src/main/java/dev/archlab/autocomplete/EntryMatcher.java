package dev.archlab.autocomplete;

import java.util.List;

/** Whether one entry matches a planned query, by definition (the brute-force model's check). */
final class EntryMatcher {
  static final int NO_MATCH = -1;
  static final int EXACT = 0;
  static final int TYPO = 1;

  private EntryMatcher() {}

  /** {@link #EXACT}, {@link #TYPO} or {@link #NO_MATCH}; the category is not checked here. */
  static int tier(List<String> prefixKeys, List<String> infixKeys, QueryPlan plan, MatchMode mode) {
    for (String prefix : plan.prefixes()) {
      for (String key : prefixKeys) {
        if (key.startsWith(prefix)) {
          return EXACT;
        }
      }
      if (mode == MatchMode.INFIX) {
        for (String key : infixKeys) {
          if (key.startsWith(prefix)) {
            return EXACT;
          }
        }
      }
    }
    if (mode == MatchMode.FUZZY && plan.fuzzyEligible()) {
      int[] typed = plan.normalized().codePoints().toArray();
      for (String key : prefixKeys) {
        if (Edits.prefixWithinOneEdit(typed, key.codePoints().toArray())) {
          return TYPO;
        }
      }
    }
    return NO_MATCH;
  }

  static int tier(Entry entry, QueryPlan plan, MatchMode mode) {
    return tier(
        KeySet.prefixKeysOf(entry),
        KeySet.infixKeysOf(TextNormalizer.normalize(entry.text())),
        plan,
        mode);
  }
}
