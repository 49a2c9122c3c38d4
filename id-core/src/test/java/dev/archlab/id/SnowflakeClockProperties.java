package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.id.SnowflakeLayout.IdParts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Snowflake generators under a virtual clock that the tests move backwards and forwards. */
class SnowflakeClockProperties {

  private static final SnowflakeLayout TWITTER = SnowflakeLayout.twitter();

  /** One step of a clock script. */
  sealed interface Step permits Issue, MoveClock, Restart {}

  record Issue(int count) implements Step {}

  record MoveClock(long deltaMillis) implements Step {}

  record Restart() implements Step {}

  @Provide
  Arbitrary<Step> clockSteps() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, 5_000).map(Issue::new)),
        Tuple.of(2, Arbitraries.longs().between(-40, 40).map(MoveClock::new)),
        Tuple.of(1, Arbitraries.longs().between(-3_000, -200).map(MoveClock::new)));
  }

  @Provide
  Arbitrary<Step> restartSteps() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, 3_000).map(Issue::new)),
        Tuple.of(2, Arbitraries.longs().between(-2_500, 100).map(MoveClock::new)),
        Tuple.of(1, Arbitraries.just(new Restart())));
  }

  /**
   * Whatever the clock does, ids stay unique and increasing; a regression up to the bound is waited
   * out, a larger one fails with exactly the distance, and issuing resumes once the clock has
   * caught up.
   */
  @Property(tries = 60)
  void clockRegressionsAreWaitedOutWithinTheBoundAndRefusedBeyondIt(
      @ForAll @Size(min = 1, max = 25) List<@From("clockSteps") Step> steps,
      @ForAll @IntRange(min = 0, max = 30) int maxBackwardWaitMillis) {
    VirtualClock clock = VirtualClock.atRecentTime();
    IdGenerator generator =
        IdGenerators.snowflake(TWITTER)
            .workerId(3)
            .timeSource(clock)
            .maxBackwardWait(Duration.ofMillis(maxBackwardWaitMillis))
            .clockWaiter(clock)
            .build();
    Set<Long> issued = new HashSet<>();
    long last = -1;

    for (Step step : steps) {
      if (step instanceof MoveClock move) {
        clock.moveBy(move.deltaMillis());
        continue;
      }
      for (int i = 0; i < ((Issue) step).count(); i++) {
        if (last >= 0) {
          long newestStamp = TWITTER.decode(last).timestamp().toEpochMilli();
          long behind = newestStamp - clock.millis();
          if (behind > maxBackwardWaitMillis) {
            ClockMovedBackwardsException error =
                assertThrows(ClockMovedBackwardsException.class, generator::nextId);
            assertEquals(Duration.ofMillis(behind), error.behindBy());
            assertTrue(error.getMessage().contains(behind + " ms behind"), error.getMessage());
            clock.set(newestStamp);
          }
        }
        long id = generator.nextId();
        assertTrue(issued.add(id), "duplicate id " + id);
        assertTrue(id > last, "id " + id + " not above previous " + last);
        assertEquals(3, TWITTER.decode(id).workerId());
        assertTrue(
            TWITTER.decode(id).timestamp().toEpochMilli() <= clock.millis(),
            "an id never carries a time ahead of the clock");
        last = id;
      }
    }
  }

  /**
   * Generators restarted on one timestamp store, with the clock moved back between and during runs,
   * never reissue an id: every new run starts above everything issued before it.
   */
  @Property(tries = 40)
  void restartsOnOneStoreNeverReissueAnId(
      @ForAll @Size(min = 1, max = 20) List<@From("restartSteps") Step> steps,
      @ForAll @IntRange(min = 0, max = 20) int maxBackwardWaitMillis) {
    VirtualClock clock = VirtualClock.atRecentTime();
    TimestampStore store = TimestampStores.inMemory();
    Duration maxWait = Duration.ofMillis(maxBackwardWaitMillis);
    IdGenerator generator = startOn(store, clock, maxWait);
    Set<Long> issued = new HashSet<>();
    long last = -1;

    for (Step step : steps) {
      switch (step) {
        case MoveClock move -> clock.moveBy(move.deltaMillis());
        case Restart restart -> generator = restartOn(store, clock, maxWait);
        case Issue issue -> {
          for (int i = 0; i < issue.count(); i++) {
            long id = nextIdRecovering(generator, clock);
            assertTrue(issued.add(id), "duplicate id " + id);
            assertTrue(id > last, "id " + id + " not above " + last + " issued before");
            assertTrue(
                store.highWaterMark() >= TWITTER.decode(id).timestamp().toEpochMilli(),
                "the stored mark covers every issued id");
            last = id;
          }
        }
      }
    }
  }

  /** A restart that finds the clock too far behind the mark fails with the distance. */
  private static IdGenerator restartOn(TimestampStore store, VirtualClock clock, Duration maxWait) {
    long mark = store.highWaterMark();
    long allowed = maxWait.toMillis() + SnowflakeIdGenerator.RESERVE_AHEAD_MILLIS;
    long behind = mark + 1 - clock.millis();
    if (mark != Long.MIN_VALUE && behind > allowed) {
      ClockMovedBackwardsException error =
          assertThrows(ClockMovedBackwardsException.class, () -> startOn(store, clock, maxWait));
      assertEquals(Duration.ofMillis(behind), error.behindBy());
      clock.set(mark + 1);
    }
    IdGenerator generator = startOn(store, clock, maxWait);
    assertTrue(clock.millis() > mark, "start waits until the clock has passed the mark");
    return generator;
  }

  private static IdGenerator startOn(TimestampStore store, VirtualClock clock, Duration maxWait) {
    return IdGenerators.snowflake(TWITTER)
        .workerId(1)
        .timeSource(clock)
        .clockWaiter(clock)
        .maxBackwardWait(maxWait)
        .timestampStore(store)
        .build();
  }

  private static long nextIdRecovering(IdGenerator generator, VirtualClock clock) {
    try {
      return generator.nextId();
    } catch (ClockMovedBackwardsException e) {
      clock.moveBy(e.behindBy().toMillis());
      return generator.nextId();
    }
  }

  /**
   * On a clock that only moves while the generator waits, each tick holds at most the layout's
   * sequence capacity, ticks are used back to back, the sequence never exceeds its field and the
   * worker field never changes.
   */
  @Property(tries = 60)
  void sequenceExhaustionWaitsForTheNextTickAndNeverSpills(
      @ForAll @IntRange(min = 1, max = 8) int sequenceBits,
      @ForAll @IntRange(min = 42, max = 45) int timeBits,
      @ForAll @IntRange(min = 1, max = 5) int tickMillis,
      @ForAll @IntRange(min = 1, max = 3_000) int count) {
    SnowflakeLayout layout =
        SnowflakeLayout.builder()
            .timeBits(timeBits)
            .workerBits(63 - timeBits - sequenceBits)
            .sequenceBits(sequenceBits)
            .tickLength(Duration.ofMillis(tickMillis))
            .epoch(Instant.parse("2024-01-01T00:00:00Z"))
            .build();
    int worker = layout.maxWorkerId();
    VirtualClock clock = VirtualClock.atRecentTime();
    IdGenerator generator =
        IdGenerators.snowflake(layout)
            .workerId(worker)
            .timeSource(clock)
            .clockWaiter(clock)
            .build();

    long[] ids = generator.nextIds(count);

    Map<Long, Integer> perTick = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      IdParts parts = layout.decode(ids[i]);
      assertEquals(worker, parts.workerId(), "worker field changed");
      assertTrue(parts.sequence() <= layout.maxSequence());
      assertTrue(i == 0 || ids[i] > ids[i - 1], "ids not increasing at " + i);
      perTick.merge(parts.tick(), 1, Integer::sum);
    }
    long capacity = layout.maxIdsPerTick();
    long expectedTicks = (count + capacity - 1) / capacity;
    assertEquals(expectedTicks, perTick.size(), "ticks used");
    perTick.values().forEach(n -> assertTrue(n <= capacity));
    long firstTick = layout.decode(ids[0]).tick();
    long lastTick = layout.decode(ids[count - 1]).tick();
    assertEquals(expectedTicks - 1, lastTick - firstTick, "ticks are used back to back");
    assertEquals(lastTick, layout.tickAt(clock.millis()), "the clock moved only by waiting");
  }
}
