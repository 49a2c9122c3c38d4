package dev.archlab.autocomplete;

/**
 * How a {@link LiveSuggester} scores an entry: {@code weight + popularityWeight * popularity +
 * historyBoost} (the boost only for terms in the asking user's history). Popularity is the
 * time-decayed count of selections.
 *
 * @param name the arm's name in statistics, such as {@code "A"}
 * @param popularityWeight score added per (decayed) selection; zero or more
 * @param historyBoost score added to the user's own past terms; zero or more
 * @since 0.1
 */
public record Ranking(String name, double popularityWeight, double historyBoost) {

  /** Validates the values. */
  public Ranking {
    if (name.isBlank()) {
      throw new IllegalArgumentException("ranking name must not be blank");
    }
    if (!(popularityWeight >= 0) || Double.isInfinite(popularityWeight)) {
      throw new IllegalArgumentException(
          "popularityWeight must be finite and >= 0, got " + popularityWeight);
    }
    if (!(historyBoost >= 0) || Double.isInfinite(historyBoost)) {
      throw new IllegalArgumentException(
          "historyBoost must be finite and >= 0, got " + historyBoost);
    }
  }
}
