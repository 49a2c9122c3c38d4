package dev.archlab.autocomplete;

/**
 * Builds {@link Suggester}s of each {@link IndexDesign}.
 *
 * <p>Building normalises every text and reading, sorts the keys, and lays out the structure; the
 * result is immutable and safe for any number of concurrent queries. Entries with the same text are
 * all kept (for example one per category); a query shows the best-ranked one that passes its
 * filter.
 *
 * <p>Limitations:
 *
 * <ul>
 *   <li>At most {@code Integer.MAX_VALUE - 16} key characters in total per index.
 *   <li>Word starts for infix matching are found by letter/digit boundaries only, so Japanese text
 *       without spaces has no inner word starts (readings still match as prefixes).
 *   <li>Fuzzy matching covers queries of 4 to 32 code points; longer queries match exactly.
 * </ul>
 *
 * @since 0.1
 */
public final class Suggesters {
  private Suggesters() {}

  /** A compact radix trie with per-node best rank and category masks. */
  public static Suggester compactTrie(Iterable<Entry> entries) {
    return build(IndexDesign.COMPACT_TRIE, entries);
  }

  /** Sorted keys, binary search and a range-minimum structure. */
  public static Suggester sortedPrefixIndex(Iterable<Entry> entries) {
    return build(IndexDesign.SORTED_PREFIX_INDEX, entries);
  }

  /** The brute-force model: correct by inspection, linear time per query. */
  public static Suggester bruteForce(Iterable<Entry> entries) {
    return build(IndexDesign.BRUTE_FORCE, entries);
  }

  static Suggester build(IndexDesign design, Iterable<Entry> entries) {
    return build(design, entries, true);
  }

  /**
   * A suggester without the word-start keys that {@link MatchMode#INFIX} needs: smaller and quicker
   * to build; an infix query to it throws {@link UnsupportedOperationException}.
   */
  public static Suggester prefixOnly(IndexDesign design, Iterable<Entry> entries) {
    return build(design, entries, false);
  }

  private static Suggester build(IndexDesign design, Iterable<Entry> entries, boolean infix) {
    EntryTable.Ranked ranked = EntryTable.ranked(entries);
    EntryTable table = ranked.table();
    if (design == IndexDesign.BRUTE_FORCE) {
      return new BruteForceSuggester(table);
    }
    int[] order = ranked.ranksInSourceOrder();
    KeySet prefixKeys = KeySet.prefixKeys(table, order);
    KeySet wordKeys = infix ? KeySet.infixKeys(table, order) : null;
    // Romaji's kana prefixes are looked up among infix keys too, so either set may need them.
    boolean kana = prefixKeys.anyKanaStart() || (wordKeys != null && wordKeys.anyKanaStart());
    return switch (design) {
      case COMPACT_TRIE ->
          new IndexedSuggester(
              design,
              table,
              new CompactTrieIndex(prefixKeys, table),
              wordKeys == null ? null : new CompactTrieIndex(wordKeys, table),
              kana);
      case SORTED_PREFIX_INDEX ->
          new IndexedSuggester(
              design,
              table,
              new SortedPrefixIndex(prefixKeys, table),
              wordKeys == null ? null : new SortedPrefixIndex(wordKeys, table),
              kana);
      case BRUTE_FORCE -> throw new AssertionError("handled above");
    };
  }
}
