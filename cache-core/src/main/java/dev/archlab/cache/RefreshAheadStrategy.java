package dev.archlab.cache;

/**
 * Refresh-ahead: read-through that, on a hit past a fraction of the entry's fresh period, reloads
 * the key in the background, so hot keys are refreshed before they expire and readers rarely wait
 * for the source. Writes store and delete, as in read-through.
 */
final class RefreshAheadStrategy<K, V> extends AbstractCacheStrategy<K, V> {

  RefreshAheadStrategy(StrategyConfig<K, V> config) {
    super("refresh-ahead", config);
  }

  @Override
  void afterHit(K key, CacheEntry<V> entry, long nowMillis) {
    long period = entry.freshUntilMillis() - entry.writtenAtMillis();
    long age = nowMillis - entry.writtenAtMillis();
    if (age >= (long) (period * config.refreshAheadFraction())) {
      refreshInBackground(key, entry);
    }
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    store.store(key, value);
    tier.invalidate(key);
    afterWrite(key);
  }
}
