package dev.archlab.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A map as the source of truth. Besides the current values it keeps, per key, every value ever
 * stored in store order, so tests can tell whether a value a reader saw was already overwritten.
 */
final class InMemoryBackingStore<K, V> implements BackingStore<K, V> {
  private final Map<K, List<V>> history = new HashMap<>();
  private final LongAdder loads = new LongAdder();
  private final LongAdder stores = new LongAdder();

  @Override
  public Optional<V> load(K key) {
    loads.increment();
    synchronized (history) {
      List<V> values = history.get(key);
      return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }
  }

  @Override
  public void store(K key, V value) {
    stores.increment();
    synchronized (history) {
      history.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
  }

  /** Every value stored under {@code key}, oldest first. */
  List<V> historyOf(K key) {
    synchronized (history) {
      return List.copyOf(history.getOrDefault(key, List.of()));
    }
  }

  long loadCount() {
    return loads.sum();
  }

  long storeCount() {
    return stores.sum();
  }
}
