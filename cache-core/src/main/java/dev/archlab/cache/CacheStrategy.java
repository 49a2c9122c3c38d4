package dev.archlab.cache;

import java.util.Optional;

/**
 * What an application calls to read and write through a cache in front of a {@link BackingStore}.
 * Each strategy (cache-aside, read-through, write-through, write-behind, refresh-ahead) is one
 * implementation; they differ in who loads, when the store is written and what a reader may
 * observe. {@code docs/caching.md} tabulates each one's guarantees, checked by the property tests
 * of this module.
 *
 * <p>Implementations are thread-safe. {@code get} may block while the source of truth loads, at
 * most for the load timeout ({@link Caches.Builder#loadTimeout}).
 *
 * @param <K> key type
 * @param <V> value type
 * @since 0.1
 */
public interface CacheStrategy<K, V> extends AutoCloseable {

  /** Strategy name, such as {@code write-through}. */
  String name();

  /**
   * The value of {@code key}: from the cache when usable, otherwise loaded from the source.
   *
   * @throws CacheException when the source fails or does not answer within the load timeout, and no
   *     stale value may be served; also when the calling thread is interrupted while waiting
   */
  Optional<V> get(K key);

  /** Writes {@code value} as the strategy prescribes (store first, cache first, or queued). */
  void put(K key, V value);

  /** Drops {@code key} from the cache (not from the store). */
  void invalidate(K key);

  /** Stats of the strategy with its tier's stats as parts. */
  CacheStats stats();

  /** Flushes what the strategy still owes the store, then releases its threads and its tier. */
  @Override
  void close();
}
