package dev.archlab.autocomplete;

import org.jspecify.annotations.Nullable;

/**
 * One ranked answer.
 *
 * @param term the entry's text, to be shown as text (never as markup)
 * @param weight the entry's weight, or its live score in a {@link LiveSuggester}
 * @param category the entry's category, {@code ""} for none
 * @param payload the entry's payload, or null
 * @param fuzzy true when the term matched only with one typo
 * @since 0.1
 */
public record Suggestion(
    String term, long weight, String category, @Nullable String payload, boolean fuzzy) {}
