package dev.archlab.autocomplete;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Shared state for one node: concurrent maps. */
final class InMemorySharedState implements SharedState {
  private static final int KEPT_MINUTES = 24 * 60;
  private static final long MAX_USERS = 1_000_000;

  /** A user's terms, newest first, and how long they live after the last write. */
  private record History(List<String> terms, Duration ttl) {}

  private final ConcurrentSkipListMap<Long, Map<String, Long>> minutes =
      new ConcurrentSkipListMap<>();
  private final Set<String> blocked = ConcurrentHashMap.newKeySet();
  private final Map<String, Edit> edits = new ConcurrentHashMap<>();
  private final Map<String, Long> counters = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private final Cache<String, History> histories;

  InMemorySharedState() {
    this(Ticker.systemTicker());
  }

  /** With a ticker that tests move by hand, to check expiry. */
  InMemorySharedState(Ticker ticker) {
    this.histories =
        Caffeine.newBuilder()
            .maximumSize(MAX_USERS)
            .ticker(ticker)
            .expireAfter(Expiry.<String, History>writing((user, history) -> history.ttl()))
            .build();
  }

  @Override
  public void addSelections(String term, long minute, long count) {
    minutes.computeIfAbsent(minute, m -> new ConcurrentHashMap<>()).merge(term, count, Long::sum);
    minutes.headMap(minute - KEPT_MINUTES).clear();
  }

  @Override
  public Map<String, Long> selections(long minute) {
    Map<String, Long> bucket = minutes.get(minute);
    return bucket == null ? Map.of() : Map.copyOf(bucket);
  }

  @Override
  public void block(String term) {
    blocked.add(TextNormalizer.normalize(term));
    version.incrementAndGet();
  }

  @Override
  public void unblock(String term) {
    blocked.remove(TextNormalizer.normalize(term));
    version.incrementAndGet();
  }

  @Override
  public Set<String> blocklist() {
    return Set.copyOf(blocked);
  }

  @Override
  public void edit(Edit edit) {
    edits.put(edit.text() + '\u0000' + edit.category(), edit);
    version.incrementAndGet();
  }

  @Override
  public List<Edit> edits() {
    return List.copyOf(edits.values());
  }

  @Override
  public void count(String counter, long delta) {
    counters.merge(counter, delta, Long::sum);
  }

  @Override
  public Map<String, Long> counters() {
    return Map.copyOf(counters);
  }

  @Override
  public void addToHistory(String userId, String term, int keep, Duration ttl) {
    histories
        .asMap()
        .compute(
            userId,
            (user, old) ->
                new History(withNewest(old == null ? List.of() : old.terms(), term, keep), ttl));
  }

  /** {@code term} first, then the other terms of {@code terms}, at most {@code keep} in all. */
  static List<String> withNewest(List<String> terms, String term, int keep) {
    List<String> out = new ArrayList<>(keep);
    out.add(term);
    for (String earlier : terms) {
      if (out.size() < keep && !earlier.equals(term)) {
        out.add(earlier);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<String> history(String userId) {
    History history = histories.getIfPresent(userId);
    return history == null ? List.of() : history.terms();
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public void close() {}
}
