package dev.archlab.cache;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.util.concurrent.Striped;
import dev.archlab.cache.WriteBehindQueue.PendingWrite;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Write-behind: a write is appended to a queue (durable or not) and put into the cache; a flusher
 * thread later applies the queue to the store in batches.
 *
 * - Order: one key's writes are appended under a per-key lock, so queue order is the order the
 *   cache saw. A batch is taken in sequence order and coalesced to the last write of each key, and
 *   batches are applied one after another, so the store never sees one key's writes reordered.
 * - Back-pressure: at most `capacity` writes are unflushed; a writer waits up to the offer
 *   timeout for room, then gets CacheException.
 * - Failures: a failed flush is retried with exponential backoff (min..max) without dropping or
 *   reordering anything; the strategy reports itself degraded meanwhile.
 * - Reads: unflushed writes are read before the store, so a writer reads its own write even
 *   after the cache evicted it.
 * - Close flushes what is queued (bounded by closeTimeout).
 * - Shared durable queue: the queue returns only this node's rows; rows taken over from a dead
 *   node (WriteBehindQueue.takeOver) are flushed in sequence order with ours but never took room,
 *   so flushing them releases none.
 */
final class WriteBehindStrategy<K, V> extends AbstractCacheStrategy<K, V> {
  private static final Logger log = LoggerFactory.getLogger(WriteBehindStrategy.class);
  private static final long IDLE_LOOK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final StrategyConfig.WriteBehindSettings<K, V> settings;
  private final WriteBehindQueue<K, V> queue;
  private final Striped<Lock> locks = Striped.lock(256);
  private final ConcurrentHashMap<K, PendingWrite<K, V>> unflushed = new ConcurrentHashMap<>();
  private final Semaphore room;
  // Sequences that hold a permit of `room`; rows taken over from another node hold none.
  private final Set<Long> holdingRoom = ConcurrentHashMap.newKeySet();
  private final ReadWriteLock closeGate = new ReentrantReadWriteLock();
  private final DegradedTracker flushHealth;
  private final Thread flusher;
  private volatile boolean closing;
  private volatile boolean abandoned;
  private long lastIdleLookNanos = System.nanoTime();
  // Flusher thread only: whether the last batch came back short of maxBatch.
  private boolean lastBatchShort = true;

  WriteBehindStrategy(StrategyConfig<K, V> config) {
    super("write-behind", config);
    this.settings = config.writeBehind();
    this.queue = settings.queue();
    this.flushHealth = new DegradedTracker("write-behind flush", config.clock());

    // Writes acknowledged before a restart (durable queue) are flushed first.
    List<PendingWrite<K, V>> recovered = queue.oldest(Integer.MAX_VALUE);
    recovered.forEach(
        write -> {
          unflushed.put(write.key(), write);
          holdingRoom.add(write.sequence());
        });
    this.room = new Semaphore(settings.capacity() - recovered.size());
    this.flusher = Thread.ofPlatform().daemon().name("write-behind-flusher").start(this::flushLoop);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    store.checkStorable(key, value);
    if (closing) {
      throw new IllegalStateException("write-behind cache is closed; put of key " + key);
    }
    acquireRoom(key);
    // Appends hold the read side so close cannot end the flusher between our append and its
    // last look at the queue: that write would be acknowledged and never flushed.
    closeGate.readLock().lock();
    Lock lock = locks.get(key);
    lock.lock();
    try {
      if (closing) {
        room.release();
        throw new IllegalStateException("write-behind cache is closed; put of key " + key);
      }
      long sequence;
      try {
        sequence = queue.append(key, value);
      } catch (RuntimeException e) {
        room.release();
        throw e;
      }
      holdingRoom.add(sequence);
      unflushed.put(key, new PendingWrite<>(sequence, key, value));
      tier.put(key, newEntry(value, 0));
      afterWrite(key);
    } finally {
      lock.unlock();
      closeGate.readLock().unlock();
    }
    if (pendingWrites() >= settings.maxBatch()) {
      LockSupport.unpark(flusher);
    }
  }

  private void acquireRoom(K key) {
    try {
      if (!room.tryAcquire(settings.offerTimeoutMillis(), TimeUnit.MILLISECONDS)) {
        throw new CacheException(
            "write-behind queue full: "
                + settings.capacity()
                + " writes unflushed for "
                + settings.offerTimeoutMillis()
                + " ms; put of key '"
                + key
                + "' refused");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CacheException("interrupted while waiting for write-behind room for " + key);
    }
  }

  @Override
  Optional<V> loadFromSource(K key) {
    PendingWrite<K, V> pending = unflushed.get(key);
    return pending != null ? Optional.of(pending.value()) : store.load(key);
  }

  /** Unflushed writes right now. */
  int pendingWrites() {
    return settings.capacity() - room.availablePermits();
  }

  private void flushLoop() {
    long backoff = settings.retryMinMillis();
    while (!abandoned) {
      // Wait for a full batch or the interval; close and full batches wake us early.
      if (!closing && pendingWrites() < settings.maxBatch()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis()));
      }
      if (abandoned) {
        return;
      }
      int flushed;
      try {
        flushed = flushOnce();
        flushHealth.markHealthy();
        backoff = settings.retryMinMillis();
      } catch (RuntimeException e) {
        flushHealth.markDegraded("flushing to the store failed", e);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
        backoff = Math.min(settings.retryMaxMillis(), backoff * 2);
        continue;
      }
      if (flushed == 0 && closing) {
        return;
      }
    }
  }

  /** Applies one batch; returns how many queued writes it covered. */
  private int flushOnce() {
    if (pendingWrites() == 0) {
      // A durable queue may hold rows taken over from a dead node that we never counted: look
      // for them once a second while idle, and on close.
      long now = System.nanoTime();
      if (!queue.durable() || (!closing && now - lastIdleLookNanos < IDLE_LOOK_NANOS)) {
        return 0;
      }
      lastIdleLookNanos = now;
    }
    // While the queue is nearly drained, remember which of our writes hold room: a short batch
    // shows every row we still own, so one missing from it was taken by another node.
    Set<Long> holding = lastBatchShort ? Set.copyOf(holdingRoom) : Set.of();
    List<PendingWrite<K, V>> batch = queue.oldest(settings.maxBatch());
    lastBatchShort = batch.size() < settings.maxBatch();
    if (lastBatchShort && !holding.isEmpty()) {
      forgetWritesTakenOver(holding, batch);
    }
    if (batch.isEmpty()) {
      return 0;
    }
    Map<K, V> latest = new LinkedHashMap<>();
    batch.forEach(write -> latest.put(write.key(), write.value()));
    queue.commit(batch, latest, store);

    int released = 0;
    for (PendingWrite<K, V> write : batch) {
      unflushed.computeIfPresent(
          write.key(), (k, pending) -> pending.sequence() <= write.sequence() ? null : pending);
      if (holdingRoom.remove(write.sequence())) {
        released++;
      }
    }
    room.release(released);
    return batch.size();
  }

  /**
   * Our writes in {@code holding} that a complete read of our rows ({@code batch}) did not return
   * were taken over by another node while this one was alive (only this flusher deletes our rows,
   * and an append is committed before it holds room). They no longer take our room, and reads here
   * go back to the store for them.
   */
  private void forgetWritesTakenOver(Set<Long> holding, List<PendingWrite<K, V>> batch) {
    Set<Long> present = new HashSet<>();
    batch.forEach(write -> present.add(write.sequence()));
    Set<Long> gone = new HashSet<>();
    for (Long sequence : holding) {
      if (!present.contains(sequence) && holdingRoom.remove(sequence)) {
        gone.add(sequence);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    unflushed.values().removeIf(write -> gone.contains(write.sequence()));
    room.release(gone.size());
    log.warn(
        "{} acknowledged write(s) of node '{}' were taken over by another node while this node was"
            + " running; that node flushes them, and this one stops serving them",
        gone.size(),
        queue.owner());
  }

  @Override
  public CacheStats stats() {
    CacheStats own = super.stats();
    return new CacheStats(
        own.name(),
        own.hits(),
        own.misses(),
        own.loads(),
        own.loadFailures(),
        own.staleServes(),
        own.evictions(),
        own.degradedMillis() + flushHealth.degradedMillis(),
        own.degraded() || flushHealth.isDegraded(),
        own.loadLatency(),
        own.parts());
  }

  @Override
  public void close() {
    closeGate.writeLock().lock();
    try {
      closing = true;
    } finally {
      closeGate.writeLock().unlock();
    }
    LockSupport.unpark(flusher);
    try {
      flusher.join(settings.closeTimeoutMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    if (flusher.isAlive()) {
      abandoned = true;
      log.warn(
          "write-behind close gave up after {} ms with {} writes unflushed{}",
          settings.closeTimeoutMillis(),
          pendingWrites(),
          queue.durable() ? " (kept in the durable queue)" : " (lost: the queue is volatile)");
    }
    super.close();
  }

  /** Stops the flusher as a crash would: nothing more is flushed. For crash tests. */
  @VisibleForTesting
  void crashForTesting() {
    closing = true;
    abandoned = true;
    LockSupport.unpark(flusher);
    try {
      flusher.join(10_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
