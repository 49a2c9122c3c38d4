package dev.archlab.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A volatile write-behind queue: fast, and everything in it is lost if the process dies. */
final class InMemoryWriteQueue<K, V> implements WriteBehindQueue<K, V> {
  private final TreeMap<Long, PendingWrite<K, V>> pending = new TreeMap<>();
  private long nextSequence = 1;

  @Override
  public synchronized long append(K key, V value) {
    long sequence = nextSequence++;
    pending.put(sequence, new PendingWrite<>(sequence, key, value));
    return sequence;
  }

  @Override
  public synchronized List<PendingWrite<K, V>> oldest(int max) {
    List<PendingWrite<K, V>> batch = new ArrayList<>(Math.min(max, pending.size()));
    for (PendingWrite<K, V> write : pending.values()) {
      if (batch.size() == max) {
        break;
      }
      batch.add(write);
    }
    return batch;
  }

  @Override
  public void commit(
      List<PendingWrite<K, V>> batch, Map<K, V> latestPerKey, BackingStore<K, V> store) {
    store.storeAll(latestPerKey);
    Set<Long> done = new HashSet<>();
    batch.forEach(write -> done.add(write.sequence()));
    synchronized (this) {
      done.forEach(pending::remove);
    }
  }

  @Override
  public synchronized int size() {
    return pending.size();
  }

  @Override
  public boolean durable() {
    return false;
  }
}
