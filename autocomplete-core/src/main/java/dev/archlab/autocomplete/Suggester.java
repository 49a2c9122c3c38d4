package dev.archlab.autocomplete;

import java.util.List;

/**
 * Answers queries with the top suggestions of an immutable dictionary.
 *
 * <p>Ranking: higher weight first, then term text (by {@link String#compareTo}), then category;
 * each term text appears at most once (its best-ranked matching entry). In {@link MatchMode#FUZZY}
 * exact matches come before one-typo matches. Every implementation returns exactly the same list
 * for the same dictionary and query; the contract tests check this against a brute-force model.
 *
 * <p>Thread safety: implementations are immutable after construction and safe for concurrent
 * queries.
 *
 * @since 0.1
 */
public interface Suggester {

  /**
   * The ranked suggestions for a query.
   *
   * @param query typed text, limit, category filter and mode
   * @return at most {@code query.limit()} suggestions, best first; empty when nothing matches or
   *     the normalised text is empty
   */
  List<Suggestion> suggest(Query query);

  /** Number of entries indexed. */
  int size();

  /**
   * Approximate bytes held by the index structures, excluding the entry table (texts, weights,
   * payloads) that every design shares.
   */
  long indexBytes();

  /** Which design answers: its {@link IndexDesign}. */
  IndexDesign design();
}
