package dev.archlab.cache;

import com.google.common.util.concurrent.Striped;
import java.util.concurrent.locks.Lock;

/**
 * Write-through: a write stores to the source and then puts the new value into the cache, under a
 * per-key lock so the cache sees one key's writes in the store's order. The put revokes any fill
 * lease, so once {@code put} returns no read on this node returns an older value.
 */
final class WriteThroughStrategy<K, V> extends AbstractCacheStrategy<K, V> {
  private final Striped<Lock> locks = Striped.lock(256);

  WriteThroughStrategy(StrategyConfig<K, V> config) {
    super("write-through", config);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    Lock lock = locks.get(key);
    lock.lock();
    try {
      // The entry is built first: a failure after the store write would leave the old value cached.
      CacheEntry<V> entry = newEntry(value, 0);
      store.store(key, value);
      tier.put(key, entry);
      afterWrite(key);
    } finally {
      lock.unlock();
    }
  }
}
