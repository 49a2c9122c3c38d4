package dev.archlab.cache;

/**
 * Cache-aside: the application's own pattern. A miss loads from the store and fills the cache; a
 * write goes to the store and then deletes the cached entry. Without leases a slow load that
 * started before a write can fill the cache with the old value after the delete (the stale-set
 * race); with leases that fill is refused.
 */
final class CacheAsideStrategy<K, V> extends AbstractCacheStrategy<K, V> {

  CacheAsideStrategy(StrategyConfig<K, V> config) {
    super("cache-aside", config);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    store.store(key, value);
    tier.invalidate(key);
    afterWrite(key);
  }
}
