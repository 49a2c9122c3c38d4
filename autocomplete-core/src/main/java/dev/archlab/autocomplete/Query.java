package dev.archlab.autocomplete;

import org.jspecify.annotations.Nullable;

/**
 * What to suggest for: the typed text, how many suggestions, an optional category and the match
 * mode. Immutable.
 *
 * @param text typed text, normalised by the suggester (any string is accepted; overlong input is
 *     cut to {@link TextNormalizer#MAX_CODE_POINTS} code points)
 * @param limit how many suggestions at most, 1 to {@link #MAX_LIMIT}
 * @param category only terms of this category, or null for all
 * @param mode how the text matches
 * @since 0.1
 */
public record Query(String text, int limit, @Nullable String category, MatchMode mode) {

  /** The largest limit a query may ask for. */
  public static final int MAX_LIMIT = 100;

  /** Fuzzy matching starts at this many code points of normalised input. */
  public static final int MIN_FUZZY_LENGTH = 4;

  /** Fuzzy matching stops (exact prefix only) above this many code points, to stay fast. */
  public static final int MAX_FUZZY_LENGTH = 32;

  /** Validates the limit. */
  public Query {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** A prefix query over all categories. */
  public static Query prefix(String text, int limit) {
    return new Query(text, limit, null, MatchMode.PREFIX);
  }

  /** This query restricted to a category (null for all). */
  public Query inCategory(@Nullable String newCategory) {
    return new Query(text, limit, newCategory, mode);
  }

  /** This query with another match mode. */
  public Query withMode(MatchMode newMode) {
    return new Query(text, limit, category, newMode);
  }
}
