package dev.archlab.cache;

/**
 * Read-through: the cache owns loading. Misses on one key coalesce into one load (single-flight)
 * and fills hold a lease, so a write (store, then delete) is never overwritten by an older load.
 */
final class ReadThroughStrategy<K, V> extends AbstractCacheStrategy<K, V> {

  ReadThroughStrategy(StrategyConfig<K, V> config) {
    super("read-through", config);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    store.store(key, value);
    tier.invalidate(key);
    afterWrite(key);
  }
}
