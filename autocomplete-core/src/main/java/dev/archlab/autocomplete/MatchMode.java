package dev.archlab.autocomplete;

/**
 * How typed text matches a term. Every mode also matches readings, romaji and the category filter.
 *
 * @since 0.1
 */
public enum MatchMode {
  /** The typed text is a prefix of the term or of one of its readings. */
  PREFIX,
  /**
   * The typed text is a prefix of any word of the term ({@code case} finds {@code iphone case}), or
   * of a reading. A word starts at a letter or digit that follows any other character.
   */
  INFIX,
  /**
   * Exact prefix matches first; then, for typed text of {@link Query#MIN_FUZZY_LENGTH} to {@link
   * Query#MAX_FUZZY_LENGTH} code points, terms whose start is one edit away (insert, delete,
   * substitute or swap two adjacent code points).
   */
  FUZZY
}
