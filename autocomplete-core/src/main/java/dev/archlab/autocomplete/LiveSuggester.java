package dev.archlab.autocomplete;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A suggester that changes while it serves: live popularity with time decay, a blocklist, entry
 * edits, atomic index swaps, a result cache, A/B ranking arms and per-user history.
 *
 * <p>How it stays exact: the index is immutable and ranks by entry weight. Entries whose live score
 * differs from their weight (selected recently, edited, or in the asking user's history) sit in a
 * small overlay that is matched entry by entry; index results are fetched until enough survive the
 * blocklist and the overlay, then both are merged by live score. A rebuild folds the edits into a
 * new index built off to the side and swaps it in with one reference write; a query uses one
 * snapshot throughout, so it never sees a half-built index.
 *
 * <p>Several nodes share selections, the blocklist, edits, A/B counters and per-user history
 * through a {@link SharedState}; each node rereads it every refresh interval (200 ms by default),
 * so a change made on one node is visible on every node within a second. A user's history is read
 * when that user asks, at most once per refresh interval per node, so it boosts on whichever node
 * serves the user.
 *
 * <p>{@link #rebuild()} builds on one dedicated background thread, prepares the new index's live
 * overlay and refills the result cache with the most requested queries before the swap, so the
 * requests after a swap find warm answers.
 *
 * <p>Thread safety: all methods are safe to call concurrently. Close it to stop the refresher.
 *
 * @since 0.1
 */
public interface LiveSuggester extends AutoCloseable {

  /**
   * Ranked suggestions by live score; the user's history is boosted and the user's A/B arm decides
   * the ranking. Answers come from the result cache when the user has no history.
   *
   * @param query the query
   * @param userId a stable user or session id, or null for anonymous
   */
  List<Suggestion> suggest(Query query, @Nullable String userId);

  /** The best entries by live score overall or in one category (what to show for an empty box). */
  List<Suggestion> popular(@Nullable String category, int limit);

  /**
   * The categories a query may filter on: those of the current index and of live entry edits,
   * sorted. A category outside this set matches nothing, so callers can reject it up front.
   */
  Set<String> categories();

  /**
   * The text of the entry a typed term names, matched as search matches (normalised: {@code tokyo}
   * names {@code Tokyo}); an entry with exactly this text wins, then the heaviest. Empty when no
   * entry of the current index or of the live edits has that normalised text, or it is blocked.
   * Callers that take terms from users resolve them here before {@link #recordSelection}, which
   * counts the text as given.
   */
  java.util.Optional<String> entryText(String term);

  /** Counts a selection of {@code term} (popularity, the user's history and the user's A/B arm). */
  void recordSelection(@Nullable String userId, String term);

  /** The user's recent selections, newest first, as shared by every node. */
  List<String> history(String userId);

  /**
   * Adds or replaces the entry with this text and category, visible without a rebuild.
   *
   * @throws SharedStateUnavailableException when the shared state cannot store the change
   */
  void put(Entry entry);

  /**
   * Removes the entry with this text and category, visible without a rebuild. Returns false, and
   * records nothing, when no such entry exists.
   *
   * @throws SharedStateUnavailableException when the shared state cannot store the change
   */
  boolean remove(String text, String category);

  /**
   * Blocks a term: entries whose text is it, or contains it as whole words, are never shown.
   *
   * @throws SharedStateUnavailableException when the shared state cannot store the change
   */
  void block(String term);

  /**
   * Unblocks a term.
   *
   * @throws SharedStateUnavailableException when the shared state cannot store the change
   */
  void unblock(String term);

  /** The normalised blocked terms. */
  Set<String> blocklist();

  /**
   * Builds a new index from the catalog with every edit applied and swaps it in; queries keep being
   * answered from the old index meanwhile. Returns the new index version.
   */
  long rebuild();

  /** The A/B arm ({@code "A"} or {@code "B"}) this user is routed to; stable per user id. */
  String armOf(@Nullable String userId);

  /** Rereads the shared state now instead of waiting for the next refresh. */
  void refresh();

  /** Counters and sizes for the stats endpoint. */
  Stats stats();

  @Override
  void close();

  /**
   * What the stats endpoint shows.
   *
   * @param design the index design
   * @param indexVersion increments with every swap
   * @param entries entries in the current index
   * @param indexBytes approximate index size
   * @param lastRebuildMillis how long the last build took
   * @param overlayEntries entries currently scored outside the index
   * @param blocked blocked terms
   * @param cacheRequests result-cache lookups
   * @param cacheHitRatio result-cache hits per lookup
   * @param counters A/B counters across all nodes ({@code A.queries}, {@code B.selections}, ...)
   */
  record Stats(
      IndexDesign design,
      long indexVersion,
      int entries,
      long indexBytes,
      long lastRebuildMillis,
      int overlayEntries,
      int blocked,
      long cacheRequests,
      double cacheHitRatio,
      Map<String, Long> counters) {}

  /** A builder over the catalog: the entries every rebuild starts from. */
  static Builder builder(Iterable<Entry> catalog) {
    return new Builder(catalog);
  }

  /** Configures a {@link LiveSuggester}; each option may be set once. */
  final class Builder {
    final List<Entry> catalog = new ArrayList<>();
    IndexDesign design = IndexDesign.SORTED_PREFIX_INDEX;
    SharedState sharedState = SharedStates.inMemory();
    Ranking ranking = new Ranking("A", 1.0, 1_000_000.0);
    @Nullable Ranking rankingB;
    double shareB;
    Duration halfLife = Duration.ofMinutes(30);
    Duration window = Duration.ofHours(3);
    Duration refreshInterval = Duration.ofMillis(200);
    long cacheSize = 100_000;
    Duration cacheTtl = Duration.ofSeconds(10);
    int historySize = 20;
    Duration historyTtl = Duration.ofHours(1);
    InstantSource clock = InstantSource.system();
    private final Set<String> set = new java.util.HashSet<>();

    private Builder(Iterable<Entry> catalog) {
      catalog.forEach(this.catalog::add);
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /** The index design (default {@link IndexDesign#SORTED_PREFIX_INDEX}). */
    public Builder design(IndexDesign value) {
      once("design");
      design = value;
      return this;
    }

    /** Where nodes share state (default: in memory, one node). Closed with the suggester. */
    public Builder sharedState(SharedState value) {
      once("sharedState");
      sharedState = value;
      return this;
    }

    /** The ranking of arm A, and of everybody when there is no A/B test. */
    public Builder ranking(Ranking value) {
      once("ranking");
      ranking = value;
      return this;
    }

    /** Routes {@code share} (0 to 1) of users, by hashed user id, to ranking {@code b}. */
    public Builder abTest(Ranking b, double share) {
      once("abTest");
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("A/B share must be between 0 and 1, got " + share);
      }
      rankingB = b;
      shareB = share;
      return this;
    }

    /** Half-life of a selection's popularity (default 30 minutes). */
    public Builder halfLife(Duration value) {
      once("halfLife");
      requirePositive("halfLife", value);
      halfLife = value;
      return this;
    }

    /** How far back selections count (default 3 hours, whole minutes). */
    public Builder window(Duration value) {
      once("window");
      if (value.toMinutes() < 1 || value.toMinutes() > 7 * 24 * 60) {
        throw new IllegalArgumentException("window must be 1 minute to 7 days, got " + value);
      }
      window = value;
      return this;
    }

    /** How often the shared state is reread (default 200 ms). */
    public Builder refreshInterval(Duration value) {
      once("refreshInterval");
      requirePositive("refreshInterval", value);
      refreshInterval = value;
      return this;
    }

    /** Result-cache size in answers (default 100,000; 0 turns the cache off) and lifetime. */
    public Builder cache(long size, Duration ttl) {
      once("cache");
      if (size < 0) {
        throw new IllegalArgumentException("cache size must be >= 0, got " + size);
      }
      requirePositive("cache ttl", ttl);
      cacheSize = size;
      cacheTtl = ttl;
      return this;
    }

    /**
     * Per-user history: how many recent selections are kept per user (default 20, at most 1,000)
     * and how long a history lives after the user's last selection (default 1 hour).
     */
    public Builder history(int size, Duration ttl) {
      once("history");
      if (size < 1 || size > 1_000) {
        throw new IllegalArgumentException("history size must be 1 to 1000, got " + size);
      }
      requirePositive("history ttl", ttl);
      historySize = size;
      historyTtl = ttl;
      return this;
    }

    /** The clock for popularity decay (tests pass a controllable one). */
    public Builder clock(InstantSource value) {
      once("clock");
      clock = value;
      return this;
    }

    private static void requirePositive(String option, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, got " + value);
      }
    }

    /** Builds the first index (blocking) and starts the refresher. */
    public LiveSuggester build() {
      return new DefaultLiveSuggester(this);
    }
  }
}
