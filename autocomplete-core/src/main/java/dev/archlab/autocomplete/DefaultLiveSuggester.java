package dev.archlab.autocomplete;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link LiveSuggester}: an immutable index snapshot, a live overlay, a cache, a refresher. */
final class DefaultLiveSuggester implements LiveSuggester {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultLiveSuggester.class);
  private static final double MIN_POPULARITY = 0.01;

  /**
   * How many of the most requested cached queries a rebuild answers on the new index before the
   * swap. About 1,000 answers at 10-50 us each: tens of milliseconds on the rebuild thread, so the
   * requests right after a swap mostly hit the cache instead of all missing at once.
   */
  private static final int WARMED_QUERIES = 1_000;

  /** An index and what it was built from; replaced as a whole on a swap. */
  private record Snapshot(
      long version,
      List<Entry> entries,
      CandidateSource source,
      Suggester suggester,
      Map<String, List<Entry>> byText,
      Map<String, List<Entry>> byFoldedText,
      Set<String> categories,
      long buildMillis) {}

  /** Live state matched entry by entry, derived from the shared state and one snapshot. */
  private record Overlay(
      long version,
      long snapshotVersion,
      Set<String> blocked,
      List<Entry> entries,
      Set<String> overridden,
      Map<String, Double> popularity) {}

  private record View(Snapshot snap, Overlay overlay) {}

  private record CacheKey(
      String text,
      int limit,
      @Nullable String category,
      MatchMode mode,
      String arm,
      long snapshot,
      long overlay) {}

  private record Scored(Entry entry, int tier, double score) {}

  /** An entry's normalised forms, computed once: overlay entries are matched on every query. */
  private record Keys(String text, List<String> prefixKeys, List<String> infixKeys) {}

  private static final Comparator<Scored> LIVE_ORDER =
      Comparator.comparingInt(Scored::tier)
          .thenComparing(Comparator.comparingDouble(Scored::score).reversed())
          .thenComparing(s -> s.entry().text())
          .thenComparing(s -> s.entry().category());

  private final List<Entry> catalog;

  /** The catalog with no edits applied: what most rebuilds start from, merged once. */
  private final List<Entry> unedited;

  private final IndexDesign design;
  private final SharedState shared;
  private final Ranking rankingA;
  private final @Nullable Ranking rankingB;
  private final double shareB;
  private final double halfLifeMillis;
  private final long windowMinutes;
  private final InstantSource clock;
  private final @Nullable Cache<CacheKey, List<Suggestion>> cache;
  private final int historySize;
  private final Duration historyTtl;

  /**
   * The shared histories as last read, kept one refresh interval so a typing user costs one read.
   */
  private final Cache<String, List<String>> histories;

  private final Cache<Entry, Keys> keys = Caffeine.newBuilder().maximumSize(200_000).build();
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
  private final AtomicLong versions = new AtomicLong();
  private volatile Overlay overlay;
  private final Object refreshLock = new Object();
  private final ExecutorService rebuilder;
  private final Map<Long, Map<String, Long>> minuteCache = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> pendingCounts = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher;
  private final java.util.concurrent.atomic.AtomicBoolean refreshQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private long seenVersion = -1;
  private Set<String> seenBlocked = Set.of();
  private List<SharedState.Edit> seenEdits = List.of();
  private Map<Long, Map<String, Long>> seenCounts = Map.of();

  DefaultLiveSuggester(LiveSuggester.Builder builder) {
    this.catalog = List.copyOf(builder.catalog);
    this.unedited = List.copyOf(merge(List.of()));
    this.design = builder.design;
    this.shared = builder.sharedState;
    this.rankingA = builder.ranking;
    this.rankingB = builder.rankingB;
    this.shareB = builder.shareB;
    this.halfLifeMillis = builder.halfLife.toMillis();
    this.windowMinutes = builder.window.toMinutes();
    this.clock = builder.clock;
    this.cache =
        builder.cacheSize == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(builder.cacheSize)
                .expireAfterWrite(builder.cacheTtl)
                .recordStats()
                .build();
    this.historySize = builder.historySize;
    this.historyTtl = builder.historyTtl;
    this.histories =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(builder.refreshInterval)
            .build();
    this.overlay = new Overlay(0, -1, Set.of(), List.of(), Set.of(), Map.of());
    swapIn(buildSnapshot(applyEdits(shared.edits())));
    refresh();
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "live-suggester-refresh");
              thread.setDaemon(true);
              return thread;
            });
    long every = builder.refreshInterval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    // One platform thread, not the caller's: a caller on a virtual thread would hold a carrier
    // thread for the whole CPU-bound build, and the requests would share the others.
    this.rebuilder =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "live-suggester-rebuild");
              thread.setDaemon(true);
              thread.setPriority(Thread.MIN_PRIORITY);
              return thread;
            });
  }

  // ---- queries -------------------------------------------------------------------------------

  @Override
  public List<Suggestion> suggest(Query query, @Nullable String userId) {
    String arm = armOf(userId);
    count(arm + ".queries");
    Ranking ranking = rankingOf(arm);
    View view = view();
    Snapshot snap = view.snap();
    Overlay live = view.overlay();
    List<String> history = userId == null ? List.of() : history(userId);
    if (cache == null || !history.isEmpty()) {
      return compute(query, ranking, history, snap, live);
    }
    CacheKey key =
        new CacheKey(
            TextNormalizer.normalizeQuery(query.text()),
            query.limit(),
            query.category(),
            query.mode(),
            arm,
            snap.version(),
            live.version());
    return cache.get(key, k -> compute(query, ranking, history, snap, live));
  }

  private List<Suggestion> compute(
      Query query, Ranking ranking, List<String> history, Snapshot snap, Overlay live) {
    QueryPlan plan = QueryPlan.textOnly(query);
    if (plan.impossible()) {
      return List.of();
    }
    Set<String> historyTerms = new HashSet<>(history);
    Map<String, Entry> extra = new LinkedHashMap<>();
    for (Entry entry : live.entries()) {
      extra.put(key(entry), entry);
    }
    for (String term : history) {
      for (Entry entry : snap.byText().getOrDefault(term, List.of())) {
        if (!live.overridden().contains(key(entry))) {
          extra.put(key(entry), entry);
        }
      }
    }

    List<Scored> scored = new ArrayList<>();
    for (Entry entry : extra.values()) {
      if (inCategory(entry, query.category()) && !isBlocked(entry, live.blocked())) {
        Keys forms = keysOf(entry);
        int tier = EntryMatcher.tier(forms.prefixKeys(), forms.infixKeys(), plan, query.mode());
        if (tier != EntryMatcher.NO_MATCH) {
          scored.add(new Scored(entry, tier, score(entry, ranking, live, historyTerms)));
        }
      }
    }
    for (CandidateSource.Candidate candidate : indexCandidates(query, snap, live, extra.keySet())) {
      Entry entry = candidate.entry();
      scored.add(new Scored(entry, candidate.fuzzy() ? 1 : 0, entry.weight()));
    }
    return ranked(scored, query.limit());
  }

  /**
   * Index matches that are neither blocked nor in the overlay, fetched in growing batches until
   * {@code limit} distinct texts survive or the index has no more: enough for an exact merge.
   */
  private List<CandidateSource.Candidate> indexCandidates(
      Query query, Snapshot snap, Overlay live, Set<String> extraKeys) {
    int fetch = query.limit() * 2 + 8;
    while (true) {
      List<CandidateSource.Candidate> batch = snap.source().candidates(query, fetch);
      List<CandidateSource.Candidate> kept = new ArrayList<>(batch.size());
      Set<String> texts = new HashSet<>();
      for (CandidateSource.Candidate candidate : batch) {
        String key = key(candidate.entry());
        if (!extraKeys.contains(key)
            && !live.overridden().contains(key)
            && !isBlocked(candidate.entry(), live.blocked())) {
          kept.add(candidate);
          texts.add(candidate.entry().text());
        }
      }
      if (texts.size() >= query.limit() || batch.size() < fetch) {
        return kept;
      }
      fetch = (int) Math.min((long) fetch * 4, Integer.MAX_VALUE);
    }
  }

  @Override
  public Set<String> categories() {
    View view = view();
    Set<String> categories = new TreeSet<>(view.snap().categories());
    for (Entry entry : view.overlay().entries()) {
      categories.add(entry.category());
    }
    return Collections.unmodifiableSet(categories);
  }

  @Override
  public List<Suggestion> popular(@Nullable String category, int limit) {
    if (limit < 1 || limit > Query.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + Query.MAX_LIMIT + ", got " + limit);
    }
    View view = view();
    Snapshot snap = view.snap();
    Overlay live = view.overlay();
    List<Scored> scored = new ArrayList<>();
    for (Entry entry : live.entries()) {
      if (inCategory(entry, category) && !isBlocked(entry, live.blocked())) {
        scored.add(new Scored(entry, 0, score(entry, rankingA, live, Set.of())));
      }
    }
    int fetch = limit * 2 + 8;
    while (true) {
      List<Entry> batch = snap.source().top(category, fetch);
      List<Scored> kept = new ArrayList<>();
      Set<String> texts = new HashSet<>();
      for (Entry entry : batch) {
        if (!live.overridden().contains(key(entry)) && !isBlocked(entry, live.blocked())) {
          kept.add(new Scored(entry, 0, entry.weight()));
          texts.add(entry.text());
        }
      }
      if (texts.size() >= limit || batch.size() < fetch) {
        scored.addAll(kept);
        return ranked(scored, limit);
      }
      fetch *= 4;
    }
  }

  private static List<Suggestion> ranked(List<Scored> scored, int limit) {
    scored.sort(LIVE_ORDER);
    List<Suggestion> out = new ArrayList<>(limit);
    Set<String> texts = new HashSet<>();
    for (Scored s : scored) {
      if (out.size() == limit) {
        break;
      }
      Entry e = s.entry();
      if (texts.add(e.text())) {
        out.add(
            new Suggestion(
                e.text(), Math.round(s.score()), e.category(), e.payload(), s.tier() == 1));
      }
    }
    return List.copyOf(out);
  }

  private static double score(
      Entry entry, Ranking ranking, Overlay live, Set<String> historyTerms) {
    double popularity = live.popularity().getOrDefault(entry.text(), 0.0);
    double boost = historyTerms.contains(entry.text()) ? ranking.historyBoost() : 0;
    return entry.weight() + ranking.popularityWeight() * popularity + boost;
  }

  private static boolean inCategory(Entry entry, @Nullable String category) {
    return category == null || category.equals(entry.category());
  }

  private Keys keysOf(Entry entry) {
    return keys.get(
        entry,
        e -> {
          String text = TextNormalizer.normalize(e.text());
          return new Keys(text, KeySet.prefixKeysOf(e), KeySet.infixKeysOf(text));
        });
  }

  /** Blocked when the normalised text is a blocked term or contains one as whole words. */
  private boolean isBlocked(Entry entry, Set<String> blocked) {
    if (blocked.isEmpty()) {
      return false;
    }
    String text = keysOf(entry).text();
    if (blocked.contains(text)) {
      return true;
    }
    String padded = " " + text + " ";
    for (String term : blocked) {
      if (padded.contains(" " + term + " ")) {
        return true;
      }
    }
    return false;
  }

  private static String key(Entry entry) {
    return entry.text() + '\u0000' + entry.category();
  }

  // ---- A/B and history -----------------------------------------------------------------------

  @Override
  public String armOf(@Nullable String userId) {
    if (userId == null || rankingB == null || shareB == 0) {
      return "A";
    }
    // FNV-1a over the UTF-8 bytes: stable across processes and JVM versions. FNV-1a alone moves
    // the high bits little when only the last characters differ (ids 100..199 all landed in one
    // arm), so MurmurHash3's 64-bit finalizer spreads every input bit over the whole word.
    long hash = 0xcbf29ce484222325L;
    for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    double unit = (hash >>> 11) * 0x1.0p-53;
    return unit < shareB ? "B" : "A";
  }

  private Ranking rankingOf(String arm) {
    return arm.equals("B") && rankingB != null ? rankingB : rankingA;
  }

  @Override
  public void recordSelection(@Nullable String userId, String term) {
    if (term.isBlank()) {
      throw new IllegalArgumentException("selected term must not be blank");
    }
    shared.addSelections(term, clock.millis() / 60_000, 1);
    count(armOf(userId) + ".selections");
    if (userId != null) {
      shared.addToHistory(userId, term, historySize, historyTtl);
      // After the write, so this node's next read sees it (read your own selections).
      histories.invalidate(userId);
    }
    // Selections can come in bursts; one queued refresh serves them all.
    if (refreshQueued.compareAndSet(false, true)) {
      refresher.execute(
          () -> {
            refreshQueued.set(false);
            refreshQuietly();
          });
    }
  }

  @Override
  public java.util.Optional<String> entryText(String term) {
    View view = view();
    Snapshot snap = view.snap();
    Overlay live = view.overlay();
    String folded = TextNormalizer.normalize(term);
    List<Entry> named = new ArrayList<>();
    for (Entry entry : live.entries()) {
      if (keysOf(entry).text().equals(folded)) {
        named.add(entry);
      }
    }
    for (String text : List.of(term, folded)) {
      named.addAll(snap.byText().getOrDefault(text, List.of()));
    }
    named.addAll(snap.byFoldedText().getOrDefault(folded, List.of()));
    return named.stream()
        .filter(e -> !live.overridden().contains(key(e)) || live.entries().contains(e))
        .filter(e -> !isBlocked(e, live.blocked()))
        .filter(e -> keysOf(e).text().equals(folded))
        .min(
            Comparator.comparing((Entry e) -> !e.text().equals(term))
                .thenComparing(Comparator.comparingLong(Entry::weight).reversed())
                .thenComparing(Entry::text))
        .map(Entry::text);
  }

  @Override
  public List<String> history(String userId) {
    return histories.get(userId, shared::history);
  }

  private void count(String counter) {
    pendingCounts.computeIfAbsent(counter, c -> new LongAdder()).increment();
  }

  // ---- administration ------------------------------------------------------------------------

  @Override
  public void put(Entry entry) {
    shared.edit(new SharedState.Edit(entry.text(), entry.category(), entry, false));
    refresh();
  }

  @Override
  public boolean remove(String text, String category) {
    View view = view();
    String key = text + '\u0000' + category;
    boolean live = view.overlay().entries().stream().anyMatch(e -> key(e).equals(key));
    boolean indexed =
        inIndex(view.snap(), text, category) != null && !view.overlay().overridden().contains(key);
    if (!live && !indexed) {
      return false;
    }
    shared.edit(new SharedState.Edit(text, category, Entry.of(text, 0, category), true));
    refresh();
    return true;
  }

  @Override
  public void block(String term) {
    if (TextNormalizer.normalize(term).isEmpty()) {
      throw new IllegalArgumentException(
          "blocked term is empty after normalisation: '" + term + "'");
    }
    shared.block(term);
    refresh();
  }

  @Override
  public void unblock(String term) {
    shared.unblock(term);
    refresh();
  }

  @Override
  public Set<String> blocklist() {
    return view().overlay().blocked();
  }

  @Override
  public long rebuild() {
    Future<Long> done = rebuilder.submit(this::rebuildNow);
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the rebuild to finish", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("rebuild failed", e.getCause());
    }
  }

  /** Runs on the rebuild thread only, so rebuilds never overlap. */
  private long rebuildNow() {
    Snapshot next = buildSnapshot(applyEdits(shared.edits()));
    long warmed;
    synchronized (refreshLock) {
      Overlay nextOverlay = overlayFor(next);
      warmed = warm(next, nextOverlay);
      snapshot.set(next);
      overlay = nextOverlay;
    }
    LOG.debug(
        "index version {} swapped in after {} ms, {} answers warmed",
        next.version(),
        next.buildMillis(),
        warmed);
    return next.version();
  }

  /**
   * Answers the most requested cached queries of the current index on {@code next} and caches them
   * under the next versions. Only keys whose text is already normalised are warmed: the answer
   * depends on the typed text only through its normalised form, so those answers are exactly what a
   * request would compute.
   */
  private long warm(Snapshot next, Overlay nextOverlay) {
    if (cache == null) {
      return 0;
    }
    Snapshot current = snapshot.get();
    Map<CacheKey, List<Suggestion>> hottest =
        cache.policy().eviction().map(e -> e.hottest(WARMED_QUERIES)).orElse(Map.of());
    Set<CacheKey> warmed = new HashSet<>();
    for (CacheKey key : hottest.keySet()) {
      CacheKey nextKey =
          new CacheKey(
              key.text(),
              key.limit(),
              key.category(),
              key.mode(),
              key.arm(),
              next.version(),
              nextOverlay.version());
      if (key.snapshot() == current.version()
          && TextNormalizer.normalizeQuery(key.text()).equals(key.text())
          && warmed.add(nextKey)) {
        Query query = new Query(key.text(), key.limit(), key.category(), key.mode());
        cache.put(nextKey, compute(query, rankingOf(key.arm()), List.of(), next, nextOverlay));
      }
    }
    return warmed.size();
  }

  private List<Entry> applyEdits(List<SharedState.Edit> edits) {
    return edits.isEmpty() ? unedited : merge(edits);
  }

  private List<Entry> merge(List<SharedState.Edit> edits) {
    Map<String, Entry> merged = LinkedHashMap.newLinkedHashMap(catalog.size());
    List<Entry> duplicates = new ArrayList<>();
    for (Entry entry : catalog) {
      if (merged.putIfAbsent(key(entry), entry) != null) {
        duplicates.add(entry);
      }
    }
    for (SharedState.Edit edit : edits) {
      String key = edit.text() + '\u0000' + edit.category();
      if (edit.removed()) {
        merged.remove(key);
        duplicates.removeIf(entry -> key(entry).equals(key));
      } else {
        merged.put(key, edit.entry());
        duplicates.removeIf(entry -> key(entry).equals(key));
      }
    }
    List<Entry> all = new ArrayList<>(merged.values());
    all.addAll(duplicates);
    return all;
  }

  private Snapshot buildSnapshot(List<Entry> entries) {
    long start = System.nanoTime();
    Suggester suggester = design.build(entries);
    Snapshot current = snapshot.get();
    Map<String, List<Entry>> byText;
    Map<String, List<Entry>> byFoldedText;
    Set<String> categories;
    if (current != null && current.entries() == entries) {
      // Rebuilt from the same entry list (no edits since): its lookup tables are still right, and
      // not reallocating them spares the collector a copy of 100,000s of long-lived objects.
      byText = current.byText();
      byFoldedText = current.byFoldedText();
      categories = current.categories();
    } else {
      byText = HashMap.newHashMap(entries.size());
      // Only texts that normalisation changes: most catalog texts are already normalised.
      byFoldedText = new HashMap<>();
      Set<String> sorted = new TreeSet<>();
      for (Entry entry : entries) {
        sorted.add(entry.category());
        byText.computeIfAbsent(entry.text(), t -> new ArrayList<>(1)).add(entry);
        String folded = TextNormalizer.normalize(entry.text());
        if (!folded.equals(entry.text())) {
          byFoldedText.computeIfAbsent(folded, t -> new ArrayList<>(1)).add(entry);
        }
      }
      categories = Collections.unmodifiableSet(sorted);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Snapshot(
        versions.incrementAndGet(),
        entries,
        (CandidateSource) suggester,
        suggester,
        byText,
        byFoldedText,
        categories,
        millis);
  }

  private void swapIn(Snapshot next) {
    synchronized (refreshLock) {
      Overlay nextOverlay = overlayFor(next);
      snapshot.set(next);
      overlay = nextOverlay;
    }
  }

  // ---- shared state --------------------------------------------------------------------------

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("refreshing the live suggester state failed; will retry", e);
    }
  }

  @Override
  public void refresh() {
    synchronized (refreshLock) {
      overlay = overlayFor(snapshot.get());
    }
  }

  /** Rereads the shared state and derives the overlay for {@code snap}; under the refresh lock. */
  private Overlay overlayFor(Snapshot snap) {
    flushCounts();
    long version = shared.version();
    boolean editsChanged = version != seenVersion;
    if (editsChanged) {
      seenBlocked = shared.blocklist();
      seenEdits = shared.edits();
      seenVersion = version;
    }
    Map<Long, Map<String, Long>> counts = readMinutes(clock.millis() / 60_000);
    Overlay current = overlay;
    boolean changed =
        editsChanged || current.snapshotVersion() != snap.version() || !counts.equals(seenCounts);
    seenCounts = counts;
    long next = changed ? current.version() + 1 : current.version();
    return buildOverlay(next, snap, seenBlocked, seenEdits, counts);
  }

  /** The current snapshot and its overlay, consistent with each other. */
  private View view() {
    Snapshot snap = snapshot.get();
    Overlay live = overlay;
    if (live.snapshotVersion() == snap.version()) {
      return new View(snap, live);
    }
    // A swap publishes the snapshot and then its overlay, both under the refresh lock; a query
    // that sees them mismatched waits for the lock instead of deriving the overlay again.
    synchronized (refreshLock) {
      snap = snapshot.get();
      if (overlay.snapshotVersion() != snap.version()) {
        refresh();
      }
      return new View(snap, overlay);
    }
  }

  private void flushCounts() {
    pendingCounts.forEach(
        (counter, adder) -> {
          long delta = adder.sumThenReset();
          if (delta != 0) {
            shared.count(counter, delta);
          }
        });
  }

  /** Minute buckets in the window; finished minutes are read once, the last two every time. */
  private Map<Long, Map<String, Long>> readMinutes(long nowMinute) {
    Map<Long, Map<String, Long>> counts = new HashMap<>();
    for (long minute = nowMinute - windowMinutes + 1; minute <= nowMinute; minute++) {
      Map<String, Long> bucket;
      if (minute >= nowMinute - 1) {
        bucket = shared.selections(minute);
        minuteCache.put(minute, bucket);
      } else {
        final long m = minute;
        bucket = minuteCache.computeIfAbsent(minute, x -> shared.selections(m));
      }
      if (!bucket.isEmpty()) {
        counts.put(minute, bucket);
      }
    }
    minuteCache.keySet().removeIf(m -> m <= nowMinute - windowMinutes);
    return counts;
  }

  private Overlay buildOverlay(
      long version,
      Snapshot snap,
      Set<String> blocked,
      List<SharedState.Edit> edits,
      Map<Long, Map<String, Long>> counts) {
    double now = clock.millis();
    Map<String, Double> popularity = new HashMap<>();
    counts.forEach(
        (minute, bucket) -> {
          double age = Math.max(0, now - (minute * 60_000 + 30_000));
          double decay = Math.pow(0.5, age / halfLifeMillis);
          bucket.forEach((term, n) -> popularity.merge(term, n * decay, Double::sum));
        });
    popularity.values().removeIf(p -> p < MIN_POPULARITY);

    Map<String, Entry> entries = new LinkedHashMap<>();
    Set<String> overridden = new HashSet<>();
    for (SharedState.Edit edit : edits) {
      String key = edit.text() + '\u0000' + edit.category();
      Entry inIndex = inIndex(snap, edit.text(), edit.category());
      boolean alreadyApplied =
          edit.removed() ? inIndex == null : Objects.equals(inIndex, edit.entry());
      if (!alreadyApplied) {
        overridden.add(key);
        if (!edit.removed()) {
          entries.put(key, edit.entry());
        }
      }
    }
    for (String term : popularity.keySet()) {
      for (Entry entry : snap.byText().getOrDefault(term, List.of())) {
        String key = key(entry);
        if (overridden.add(key) || entries.containsKey(key)) {
          entries.putIfAbsent(key, entry);
        }
      }
    }
    return new Overlay(
        version,
        snap.version(),
        Set.copyOf(blocked),
        List.copyOf(entries.values()),
        Set.copyOf(overridden),
        Map.copyOf(popularity));
  }

  /** The first entry of the snapshot with this text and category, or null. */
  private static @Nullable Entry inIndex(Snapshot snap, String text, String category) {
    for (Entry entry : snap.byText().getOrDefault(text, List.of())) {
      if (entry.category().equals(category)) {
        return entry;
      }
    }
    return null;
  }

  // ---- stats and lifecycle -------------------------------------------------------------------

  @Override
  public Stats stats() {
    refresh();
    Snapshot snap = snapshot.get();
    Overlay live = overlay;
    long requests = cache == null ? 0 : cache.stats().requestCount();
    double hitRatio = cache == null ? 0 : cache.stats().hitRate();
    return new Stats(
        design,
        snap.version(),
        snap.suggester().size(),
        snap.suggester().indexBytes(),
        snap.buildMillis(),
        live.entries().size(),
        live.blocked().size(),
        requests,
        hitRatio,
        shared.counters());
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    rebuilder.shutdownNow();
    try {
      flushCounts();
    } finally {
      shared.close();
    }
  }
}
