package dev.archlab.autocomplete;

/**
 * The index designs a {@link Suggester} can be built with. All return identical results.
 *
 * @since 0.1
 */
public enum IndexDesign {
  /**
   * A radix trie in flat arrays: each node keeps the best rank and a category bit mask of its
   * subtree, so a best-first walk takes the top k and skips categories without visiting them.
   */
  COMPACT_TRIE,
  /**
   * Sorted normalised keys in one char array; binary search finds the key range of a prefix and a
   * block sparse table (range minimum of ranks) takes the top k without scanning the range.
   */
  SORTED_PREFIX_INDEX,
  /** Scans every entry per query: the slow, obviously correct model the others are tested on. */
  BRUTE_FORCE;

  /** Builds a suggester of this design over the entries. */
  public Suggester build(Iterable<Entry> entries) {
    return Suggesters.build(this, entries);
  }
}
