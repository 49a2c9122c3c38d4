package dev.archlab.autocomplete;

/** What an index design provides to the shared query engine: lazy best-first rank streams. */
abstract class KeyIndex {

  /** A stream of entry ranks in non-decreasing order; {@link #next()} gives -1 at the end. */
  interface RankStream {
    int next();
  }

  static final RankStream EMPTY = () -> -1;

  /**
   * Ranks of the keys that start with {@code prefix}, best first, only of {@code category} (or all
   * when negative). Ranks repeat when one entry has several such keys.
   */
  abstract RankStream stream(String prefix, int category);

  /** The distinct characters that follow {@code prefix} in some key, ascending. */
  abstract String nextChars(String prefix);

  /** Approximate heap bytes of the structure. */
  abstract long bytes();
}
