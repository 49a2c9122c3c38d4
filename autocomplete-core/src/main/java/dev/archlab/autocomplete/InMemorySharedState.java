package dev.archlab.autocomplete;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Shared state for one node: concurrent maps. */
final class InMemorySharedState implements SharedState {
  private static final int KEPT_MINUTES = 24 * 60;

  private final ConcurrentSkipListMap<Long, Map<String, Long>> minutes =
      new ConcurrentSkipListMap<>();
  private final Set<String> blocked = ConcurrentHashMap.newKeySet();
  private final Map<String, Edit> edits = new ConcurrentHashMap<>();
  private final Map<String, Long> counters = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

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
  public long version() {
    return version.get();
  }

  @Override
  public void close() {}
}
