package dev.archlab.cache;

import java.util.Map;
import java.util.Optional;

/**
 * The source of truth a cache sits in front of: a database table, a service, or a map in tests.
 *
 * <p>Implementations must be thread-safe. A failure is reported by throwing a runtime exception;
 * caches then serve stale values within their stale-if-error bound or raise {@link CacheException}.
 *
 * @param <K> key type
 * @param <V> value type
 * @since 0.1
 */
public interface BackingStore<K, V> {

  /** The current value of {@code key}, or empty when the store has none. */
  Optional<V> load(K key);

  /** Makes {@code value} the current value of {@code key}. */
  void store(K key, V value);

  /**
   * Stores several values; the default stores them one by one. A store that can do this in one
   * round trip or transaction should override it (write-behind flushes through this method).
   */
  default void storeAll(Map<K, V> values) {
    values.forEach(this::store);
  }

  /**
   * Throws {@link IllegalArgumentException} when this store could never take {@code value} under
   * {@code key} (too long, not representable). Write-behind asks before it acknowledges a write,
   * because a queued write the store refuses forever would hold back every write behind it. The
   * default accepts everything.
   */
  default void checkStorable(K key, V value) {}
}
