package dev.archlab.id;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/*
 * Segment mode (the "Leaf segment" design): ids come from blocks reserved in the ticket servers.
 *
 * Hot path: one getAndIncrement on the current block's cursor and a multiply-add; no lock. The
 * thread that draws the prefetch index (when 20% of the block remains, by default) starts a
 * background reservation of the next block, sized so that it lasts about the target duration at
 * the rate measured over the current block. The thread that finds the block exhausted takes a
 * lock, installs the prefetched block (waiting for it only if the database is slower than the
 * remaining 20%) and retires the old one. A block is committed in the database before any of its
 * ids is handed out, so a restarted node can only skip ids, never repeat them.
 */
final class SegmentIdGenerator implements TicketIdGenerator {

  private static final class Block {
    final long first;
    final long stride;
    final long size;
    final long prefetchIndex;
    final long startNanos;
    final AtomicLong cursor = new AtomicLong();

    Block(long first, long stride, long size, double prefetchShare) {
      this.first = first;
      this.stride = stride;
      this.size = size;
      long remaining = Math.max(1, (long) Math.ceil(size * prefetchShare));
      this.prefetchIndex = Math.max(0, size - remaining);
      this.startNanos = System.nanoTime();
    }

    long used() {
      return Math.min(cursor.get(), size);
    }
  }

  private final TicketServerGroup group;
  private final long minBlock;
  private final long maxBlock;
  private final long targetNanos;
  private final double prefetchShare;
  private final ExecutorService fetcher;
  private final Object switchLock = new Object();
  private final AtomicReference<@Nullable CompletableFuture<Block>> prefetched =
      new AtomicReference<>();
  private final LongAdder blocks = new LongAdder();
  private final AtomicLong retiredIssued = new AtomicLong();
  private volatile Block current;
  private volatile boolean closed;

  SegmentIdGenerator(
      TicketServerGroup group,
      long minBlock,
      long maxBlock,
      long initialBlock,
      Duration targetBlockDuration,
      double prefetchShare) {
    this.group = group;
    this.minBlock = minBlock;
    this.maxBlock = maxBlock;
    this.targetNanos = targetBlockDuration.toNanos();
    this.prefetchShare = prefetchShare;
    this.fetcher =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("archlab-segment-prefetch").factory());
    try {
      this.current = reserve(initialBlock);
    } catch (RuntimeException e) {
      group.close();
      fetcher.shutdownNow();
      throw e;
    }
  }

  @Override
  public long nextId() {
    requireOpen();
    while (true) {
      Block block = current;
      long index = block.cursor.getAndIncrement();
      if (index < block.size) {
        if (index == block.prefetchIndex) {
          startPrefetch(block, index + 1);
        }
        return block.first + index * block.stride;
      }
      switchFrom(block);
    }
  }

  @Override
  public long[] nextIds(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    requireOpen();
    long[] ids = new long[count];
    int filled = 0;
    while (filled < count) {
      Block block = current;
      long wanted = count - filled;
      long index = block.cursor.getAndAdd(wanted);
      if (index >= block.size) {
        switchFrom(block);
        continue;
      }
      long taken = Math.min(wanted, block.size - index);
      if (index <= block.prefetchIndex && block.prefetchIndex < index + taken) {
        startPrefetch(block, block.prefetchIndex + 1);
      }
      for (long i = index; i < index + taken; i++) {
        ids[filled++] = block.first + i * block.stride;
      }
    }
    return ids;
  }

  /** One server: blocks come from one growing counter, so ids grow. Failover breaks that. */
  @Override
  public Set<Guarantee> guarantees() {
    return group.size() == 1 ? EnumSet.of(Guarantee.MONOTONIC) : EnumSet.noneOf(Guarantee.class);
  }

  @Override
  public Stats stats() {
    Block block = current;
    return new Stats(
        group.roundTrips(),
        retiredIssued.get() + block.used(),
        blocks.sum(),
        group.failovers(),
        block.size);
  }

  @Override
  public void close() {
    closed = true;
    fetcher.shutdownNow();
    group.close();
  }

  @Override
  public String toString() {
    return "segments over " + group.size() + " server(s)";
  }

  /** The rest of the current block is given up at close: a gap, as after a restart. */
  private void requireOpen() {
    if (closed) {
      throw new IdGenerationException("segment generator is closed: " + this);
    }
  }

  private void startPrefetch(Block block, long consumed) {
    if (closed) {
      return;
    }
    long size = nextBlockSize(block, consumed);
    CompletableFuture<Block> next = new CompletableFuture<>();
    if (prefetched.compareAndSet(null, next)) {
      try {
        fetcher.execute(
            () -> {
              try {
                next.complete(reserve(size));
              } catch (RuntimeException e) {
                next.completeExceptionally(e);
              }
            });
      } catch (RejectedExecutionException closing) {
        next.completeExceptionally(closing);
      }
    }
  }

  /** Size that lasts about the target duration at the rate seen so far in this block. */
  private long nextBlockSize(Block block, long consumed) {
    long elapsed = Math.max(1, System.nanoTime() - block.startNanos);
    double wanted = (double) consumed / elapsed * targetNanos;
    if (!(wanted < maxBlock)) {
      return maxBlock;
    }
    return Math.max(minBlock, (long) Math.ceil(wanted));
  }

  private void switchFrom(Block exhausted) {
    synchronized (switchLock) {
      if (current != exhausted) {
        return;
      }
      requireOpen();
      Block next = takePrefetched();
      if (next == null) {
        next = reserve(nextBlockSize(exhausted, exhausted.size));
      }
      retiredIssued.addAndGet(exhausted.size);
      current = next;
    }
  }

  private @Nullable Block takePrefetched() {
    CompletableFuture<Block> pending = prefetched.getAndSet(null);
    if (pending == null) {
      return null;
    }
    try {
      return pending.join();
    } catch (CompletionException e) {
      // The background fetch failed on every server; the synchronous retry reports the cause.
      return null;
    }
  }

  private Block reserve(long size) {
    long first = group.call(server -> server.reserveBlock(size), false);
    blocks.increment();
    return new Block(first, group.size(), size, prefetchShare);
  }
}
