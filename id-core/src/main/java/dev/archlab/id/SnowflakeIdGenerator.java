package dev.archlab.id;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Snowflake ids without a lock.
 *
 * The whole state is the last issued id, held in one AtomicLong. A caller reads the clock, asks
 * the lease which worker id it may stamp at that reading, derives the next id from the last one
 * and publishes it with compareAndSet; a lost race simply starts over. The rules, checked in
 * this order so that no sequence is ever chosen before the clock is compared:
 *
 *   - clock tick above the last tick: sequence restarts at 0 in the new tick;
 *   - same tick, sequence left: sequence + 1;
 *   - same tick, sequence used up: wait for the next tick (never carry into other fields);
 *   - clock tick below the last tick: the clock went back. Wait if the newest tick's start is at
 *     most maxBackwardWait ahead of the clock, otherwise fail with the distance.
 *
 * Every published id is therefore greater than the one before it, and the tick stamped on an id
 * is always the tick the clock showed when the lease granted the worker id.
 *
 * A worker-id change, a lease floor (the previous holder's high-water mark) at or above the last
 * tick, or the first id all move to a fresh tick above both, so ids of a newly granted worker id
 * cannot collide with ids its previous holder stamped, even when this node is granted the same
 * worker id again. The sign bit of the state, never set in a real id, marks "the first id has
 * not been issued yet".
 *
 * Restart safety: with a TimestampStore, a new generator starts with the stored mark as its
 * floor, and before returning an id whose tick starts above the reserved mark it durably
 * reserves one second ahead, so the stored mark always covers every returned id.
 *
 * Sources: Twitter's Snowflake announcement (2010) for the layout; Sonyflake for the 10 ms
 * variant; the failure reports listed in docs/id-generation.md for the clock handling.
 */
/** A lock-free Snowflake generator; see the block comment above for the design. */
final class SnowflakeIdGenerator implements IdGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SnowflakeIdGenerator.class);

  static final long RESERVE_AHEAD_MILLIS = 1_000;
  static final long REPORT_INTERVAL_MILLIS = 1_000;
  private static final long STUCK_CLOCK_SLACK_MILLIS = 1_000;
  private static final long FIRST_ID_PENDING = Long.MIN_VALUE;
  private static final long WAIT = -1;
  private static final Set<Guarantee> GUARANTEES =
      Set.copyOf(EnumSet.of(Guarantee.MONOTONIC, Guarantee.TIME_ORDERED));

  private final SnowflakeLayout layout;
  private final WorkerIdLease lease;
  private final InstantSource clock;
  private final Duration maxBackwardWait;
  private final long maxBackwardWaitMillis;
  private final @Nullable TimestampStore store;
  private final ClockWaiter waiter;
  private final boolean reportsToLease;
  private final AtomicLong lastId;
  private final AtomicLong nextReportMillis = new AtomicLong(Long.MIN_VALUE);
  private final ReentrantLock reserveLock = new ReentrantLock();
  private volatile long reservedUpToMillis;

  private SnowflakeIdGenerator(
      SnowflakeLayout layout,
      WorkerIdLease lease,
      InstantSource clock,
      Duration maxBackwardWait,
      @Nullable TimestampStore store,
      ClockWaiter waiter,
      long floorTick) {
    this.layout = layout;
    this.lease = lease;
    this.clock = clock;
    this.maxBackwardWait = maxBackwardWait;
    this.maxBackwardWaitMillis = maxBackwardWait.toMillis();
    this.store = store;
    this.waiter = waiter;
    this.reportsToLease = !(lease instanceof FixedWorkerIdLease);
    // Start as if the floor tick were used up, so the first id lands strictly above it.
    this.lastId =
        new AtomicLong(FIRST_ID_PENDING | layout.pack(floorTick, 0, layout.maxSequence()));
    this.reservedUpToMillis = store == null ? Long.MAX_VALUE : store.highWaterMark();
  }

  /**
   * Creates a generator; with a store, first waits (bounded by {@code maxBackwardWait} plus one
   * reservation chunk) until the clock has passed the stored mark.
   */
  static SnowflakeIdGenerator start(
      SnowflakeLayout layout,
      WorkerIdLease lease,
      InstantSource clock,
      Duration maxBackwardWait,
      @Nullable TimestampStore store,
      ClockWaiter waiter) {
    long floorTick = 0;
    if (store != null) {
      long mark = store.highWaterMark();
      if (mark > layout.epochMillis()) {
        floorTick = layout.tickAt(mark);
        if (floorTick >= layout.maxTick()) {
          throw new IdGenerationException(
              "timestamp high-water mark "
                  + Instant.ofEpochMilli(mark)
                  + " in "
                  + store
                  + " lies at or past the layout's end of life "
                  + layout.endOfLife()
                  + ", so no id can be stamped above it; it was written by a clock set far"
                  + " ahead or the store is corrupt. Check it before resetting the store");
        }
        awaitClockPast(layout, clock, waiter, floorTick, maxBackwardWait, store);
      }
    }
    return new SnowflakeIdGenerator(
        layout, lease, clock, maxBackwardWait, store, waiter, floorTick);
  }

  /**
   * A stored mark may lie up to one reservation chunk ahead of the last stamped id even without a
   * clock regression, so a restart may wait that chunk on top of the regression bound.
   */
  private static void awaitClockPast(
      SnowflakeLayout layout,
      InstantSource clock,
      ClockWaiter waiter,
      long floorTick,
      Duration maxBackwardWait,
      TimestampStore store) {
    long allowed = maxBackwardWait.toMillis() + RESERVE_AHEAD_MILLIS;
    long firstFree = layout.tickStartMillis(floorTick + 1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(allowed * 2 + 100);
    long now = clock.millis();
    long behind = firstFree - now;
    if (behind > allowed) {
      throw new ClockMovedBackwardsException(
          Duration.ofMillis(behind),
          Duration.ofMillis(allowed),
          "the high-water mark " + Instant.ofEpochMilli(firstFree - 1) + " stored in " + store);
    }
    while (now < firstFree) {
      if (System.nanoTime() - deadline > 0) {
        throw new IdGenerationException(
            "clock did not pass the stored high-water mark "
                + Instant.ofEpochMilli(firstFree - 1)
                + " within "
                + allowed
                + " ms; it reads "
                + Instant.ofEpochMilli(now));
      }
      waiter.await(firstFree - now);
      now = clock.millis();
    }
  }

  @Override
  public long nextId() {
    long waitDeadline = 0;
    while (true) {
      // State before clock: a reading taken before a preemption must not look like a regression.
      long last = lastId.get();
      long now = clock.millis();
      long nowTick = layout.tickAt(now);
      checkLifetime(now, nowTick);
      int worker = lease.workerIdAt(now);
      checkWorker(worker, now);

      long floorTick = leaseFloorTick();
      long lastTick = layout.tickOf(last & Long.MAX_VALUE);
      long blockingTick = lastTick;
      long next;
      if (last < 0 || layout.workerOf(last) != worker || floorTick >= lastTick) {
        blockingTick = Math.max(lastTick, floorTick);
        next = nowTick > blockingTick ? layout.pack(nowTick, worker, 0) : WAIT;
      } else if (nowTick > lastTick) {
        next = layout.pack(nowTick, worker, 0);
      } else if (nowTick == lastTick && layout.sequenceOf(last) < layout.maxSequence()) {
        next = layout.pack(nowTick, worker, layout.sequenceOf(last) + 1);
      } else {
        next = WAIT;
      }

      if (next == WAIT) {
        waitDeadline = awaitNextTick(blockingTick, now, waitDeadline);
      } else if (lastId.compareAndSet(last, next)) {
        afterIssue(nowTick);
        return next;
      }
    }
  }

  /** Fails fast on a large regression, else waits briefly; returns the stuck-clock deadline. */
  private long awaitNextTick(long blockingTick, long now, long deadline) {
    long behind = layout.tickStartMillis(blockingTick) - now;
    if (behind > maxBackwardWaitMillis) {
      throw new ClockMovedBackwardsException(Duration.ofMillis(behind), maxBackwardWait);
    }
    long nowNanos = System.nanoTime();
    long until = deadline;
    if (until == 0) {
      long budget = maxBackwardWaitMillis + 2 * layout.tickMillis() + STUCK_CLOCK_SLACK_MILLIS;
      until = nowNanos + TimeUnit.MILLISECONDS.toNanos(budget);
    } else if (nowNanos - until > 0) {
      throw new IdGenerationException(
          "clock did not advance past tick "
              + blockingTick
              + " ("
              + Instant.ofEpochMilli(layout.tickStartMillis(blockingTick))
              + "); it reads "
              + Instant.ofEpochMilli(now));
    }
    waiter.await(layout.tickStartMillis(blockingTick + 1) - now);
    return until;
  }

  /** The tick containing the lease's floor (ids must start above it), or -1 for none. */
  private long leaseFloorTick() {
    long notBefore = lease.notBeforeEpochMillis();
    if (notBefore < layout.epochMillis()) {
      return -1;
    }
    return layout.tickAt(notBefore);
  }

  private void checkLifetime(long now, long nowTick) {
    if (nowTick < 0) {
      throw new IdGenerationException(
          "clock reads "
              + Instant.ofEpochMilli(now)
              + ", before the layout epoch "
              + layout.epoch());
    }
    if (nowTick > layout.maxTick()) {
      throw new IdGenerationException(
          "layout time field ran out at "
              + layout.endOfLife()
              + "; clock reads "
              + Instant.ofEpochMilli(now));
    }
  }

  private void checkWorker(int worker, long now) {
    if (worker < 0) {
      throw new IdGenerationException(
          "no worker-id lease held at "
              + Instant.ofEpochMilli(now)
              + " ("
              + lease
              + "); ids resume once a lease is held again");
    }
    if (worker > layout.maxWorkerId()) {
      throw new IdGenerationException(
          "worker-id lease granted "
              + worker
              + ", outside the layout's range 0.."
              + layout.maxWorkerId()
              + "; refusing to let it bleed into the time bits");
    }
  }

  private void afterIssue(long tick) {
    long stamp = layout.tickStartMillis(tick);
    long reserved = reservedUpToMillis;
    if (stamp > reserved) {
      reserve(stamp, true);
    } else if (store != null && stamp > reserved - RESERVE_AHEAD_MILLIS / 2) {
      reserve(stamp, false);
    }
    if (reportsToLease) {
      long due = nextReportMillis.get();
      if (stamp >= due && nextReportMillis.compareAndSet(due, stamp + REPORT_INTERVAL_MILLIS)) {
        lease.recordIssuedUpTo(stamp);
      }
    }
  }

  /**
   * Raises the stored mark one chunk above {@code stamp}. Blocks when the id is not covered yet; a
   * renewal ahead of need runs only if no other thread is already writing.
   */
  private void reserve(long stamp, boolean mustCover) {
    TimestampStore target = store;
    if (target == null) {
      return;
    }
    if (mustCover) {
      reserveLock.lock();
    } else if (!reserveLock.tryLock()) {
      return;
    }
    try {
      long threshold = reservedUpToMillis - (mustCover ? 0 : RESERVE_AHEAD_MILLIS / 2);
      if (stamp > threshold) {
        long mark = stamp + RESERVE_AHEAD_MILLIS;
        target.advanceTo(mark);
        reservedUpToMillis = mark;
      }
    } catch (IdGenerationException e) {
      if (mustCover) {
        throw e;
      }
      // The id at hand is covered already: hand it out. The write is retried on the next id and
      // fails that caller once the reserved mark no longer covers it.
      LOG.debug("early renewal of the timestamp mark in {} failed: {}", target, e.toString());
    } finally {
      reserveLock.unlock();
    }
  }

  @Override
  public Set<Guarantee> guarantees() {
    return GUARANTEES;
  }

  @Override
  public String toString() {
    return "SnowflakeIdGenerator[" + layout + ", " + lease + ", store=" + store + "]";
  }
}
