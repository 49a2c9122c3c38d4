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
 * <p>Several nodes may share one durable queue table; each node's queue has its own {@link
 * #owner()} and sees only its rows. Taking over a dead node's rows is explicit: {@link
 * #takeOver(String)}.
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

  /**
   * The node whose writes this queue holds. A durable queue shares its table with other nodes and
   * reads, flushes, counts and deletes only its owner's rows; a node restarted with the same id
   * recovers them. A volatile queue belongs to its process ({@code "local"}).
   */
  default String owner() {
    return "local";
  }

  /**
   * Makes the writes node {@code deadNodeId} acknowledged and did not flush this queue's own, in
   * their original sequence order, so this node's strategy flushes them with its next batches. Call
   * it only once that node is known to be gone for good (its process stopped and it will not be
   * restarted with that id): a live node keeps appending under its id, and its own strategy would
   * still count and serve the writes taken from it.
   *
   * @return how many writes were taken over
   * @throws UnsupportedOperationException for a volatile queue, which no other node can see
   * @throws IllegalArgumentException if {@code deadNodeId} is malformed or this queue's owner
   */
  default int takeOver(String deadNodeId) {
    throw new UnsupportedOperationException(
        "a volatile write-behind queue has no other node's writes to take over");
  }
}
