/**
 * Top-k autocomplete: ranked suggestions for typed text, from two interchangeable exact index
 * designs (a compact trie and a sorted prefix index), with Japanese readings, romaji input, infix
 * and one-typo matching, and a live layer (popularity, blocklist, edits, atomic swaps, result
 * cache, A/B arms and per-user history) that several nodes can share through Redis.
 *
 * <p>Start at {@link dev.archlab.autocomplete.Suggesters} for a static index and at {@link
 * dev.archlab.autocomplete.LiveSuggester} for the live layer. Every type here is null-hostile
 * unless a parameter or return value is marked {@code @Nullable}.
 *
 * @since 0.1
 */
@NullMarked
package dev.archlab.autocomplete;

import org.jspecify.annotations.NullMarked;
