package dev.archlab.cache;

import java.util.List;
import java.util.Map;

/**
 * The queue a write-behind strategy acknowledges writes into before they reach the store.
 *
 * <p>A durable queue ({@link #durable()}) has made a write crash-safe when {@link #append} returns:
 * a new strategy over the same queue flushes it after a restart. A volatile queue loses every write
 * it holds when the process dies; that is its loss window.
 *
 * <p>Implementations must be thread-safe; writes to one key are appended by one thread at a time
 * (the strategy serializes them), and {@link #oldest} returns writes in sequence order.
 *
 * @param <K> key type
 * @param <V> value type
 * @since 0.1
 */
public interface WriteBehindQueue<K, V> {

  /** One acknowledged write waiting for the store. */
  record PendingWrite<K, V>(long sequence, K key, V value) {}

  /** Appends a write and returns its sequence number, larger than every earlier one. */
  long append(K key, V value);

  /** Up to {@code max} of the oldest pending writes, in sequence order. */
  List<PendingWrite<K, V>> oldest(int max);

  /**
   * Applies {@code latestPerKey} (the batch coalesced to the last write of each key) to {@code
   * store} and removes {@code batch} from the queue. A durable queue over the store's own database
   * does both in one transaction.
   */
  void commit(List<PendingWrite<K, V>> batch, Map<K, V> latestPerKey, BackingStore<K, V> store);

  /** Number of pending writes. */
  int size();

  /** Whether an appended write survives a crash of this process. */
  boolean durable();
}
