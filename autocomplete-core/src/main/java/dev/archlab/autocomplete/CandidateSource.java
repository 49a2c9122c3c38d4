package dev.archlab.autocomplete;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the live layer needs from a built index beyond {@link Suggester}. */
interface CandidateSource {

  /** A match before text de-duplication: the entry and whether it matched only with a typo. */
  record Candidate(Entry entry, boolean fuzzy) {}

  /**
   * The first {@code count} matching entries in (exact before typo, rank) order, category filter
   * applied, same-text entries all kept; the query's own limit is ignored.
   */
  List<Candidate> candidates(Query query, int count);

  /** The first {@code count} entries by rank, only of {@code category} when not null. */
  List<Entry> top(@Nullable String category, int count);

  /** Every entry, in rank order. */
  List<Entry> entries();
}
