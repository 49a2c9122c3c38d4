package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Failures reported against other Snowflake implementations, each pinned down as the behaviour
 * archlab guarantees instead.
 */
class SnowflakeKnownFailuresTest {

  private final SnowflakeLayout twitter = SnowflakeLayout.twitter();

  private IdGenerator generatorOn(VirtualClock clock, Duration maxBackwardWait) {
    return IdGenerators.snowflake(twitter)
        .workerId(5)
        .timeSource(clock)
        .clockWaiter(clock)
        .maxBackwardWait(maxBackwardWait)
        .build();
  }

  /**
   * Implementations that reset the sequence when the millisecond "changes" before comparing it with
   * the last one restart at 0 when the clock revisits a millisecond, repeating its ids.
   */
  @Test
  void millisecondRevisitedAfterRollback_doesNotRestartTheSequenceOnIssuedIds() {
    VirtualClock clock = VirtualClock.atRecentTime();
    IdGenerator generator = generatorOn(clock, Duration.ofMillis(5));
    Set<Long> ids = new HashSet<>();

    for (int i = 0; i < 100; i++) {
      ids.add(generator.nextId());
    }
    clock.moveBy(-1);
    for (int i = 0; i < 100; i++) {
      ids.add(generator.nextId());
    }
    clock.moveBy(1);
    for (int i = 0; i < 100; i++) {
      ids.add(generator.nextId());
    }

    assertEquals(300, ids.size());
  }

  /**
   * A generator without a clock check stamps the earlier time again after a few-millisecond
   * rollback and repeats ids; here the rollback is waited out, or refused with its size.
   */
  @Test
  void fewMillisecondRollback_isWaitedOutOrRefusedButNeverDuplicates() {
    VirtualClock clock = VirtualClock.atRecentTime();
    IdGenerator waiting = generatorOn(clock, Duration.ofMillis(10));
    Set<Long> ids = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 50; i++) {
        assertTrue(ids.add(waiting.nextId()));
      }
      clock.moveBy(1);
      clock.moveBy(-4);
    }
    assertEquals(1_000, ids.size());
    assertTrue(clock.waitedMillis() > 0, "the rollbacks were waited out");

    VirtualClock strictClock = VirtualClock.atRecentTime();
    IdGenerator strict = generatorOn(strictClock, Duration.ZERO);
    strict.nextId();
    strictClock.moveBy(-3);
    ClockMovedBackwardsException error =
        assertThrows(ClockMovedBackwardsException.class, strict::nextId);
    assertEquals(Duration.ofMillis(3), error.behindBy());
  }

  /**
   * A tolerance window that keeps stamping the last timestamp during a rollback runs out of
   * sequence under load and then repeats or overflows; here exhaustion waits for a fresh tick.
   */
  @Test
  void toleranceWindowUnderLoad_neverPinsTheTimestampIntoDuplicates() {
    VirtualClock clock = VirtualClock.atRecentTime();
    IdGenerator generator = generatorOn(clock, Duration.ofMillis(20));
    generator.nextId();
    clock.moveBy(-15);

    long[] ids = generator.nextIds(3 * 4_096 + 17);

    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < ids.length; i++) {
      assertTrue(distinct.add(ids[i]));
      assertTrue(i == 0 || ids[i] > ids[i - 1]);
      assertTrue(twitter.decode(ids[i]).sequence() <= twitter.maxSequence());
    }
    long ticks = twitter.decode(ids[ids.length - 1]).tick() - twitter.decode(ids[0]).tick() + 1;
    assertTrue(ticks >= 4, "12,305 ids need at least 4 ticks of 4,096, used " + ticks);
  }

  /**
   * Worker ids that keep growing across restarts eventually exceed their field and, when ORed in
   * unmasked, corrupt the time bits; here they are rejected at every entry point.
   */
  @Test
  void workerIdPastItsBitWidth_isRejectedInsteadOfBleedingIntoTimeBits() {
    IllegalArgumentException builder =
        assertThrows(
            IllegalArgumentException.class, () -> IdGenerators.snowflake(twitter).workerId(1_024));
    assertEquals("worker id must be between 0 and 1023, was 1024", builder.getMessage());

    assertThrows(IllegalArgumentException.class, () -> twitter.encode(1, 1_024, 0));

    IdGenerator leased =
        IdGenerators.snowflake(twitter).workerIdLease(WorkerIdLease.fixed(1_024)).build();
    IdGenerationException hotPath = assertThrows(IdGenerationException.class, leased::nextId);
    assertTrue(hotPath.getMessage().contains("granted 1024, outside the layout's range 0..1023"));
  }

  /**
   * Libraries that fall back to a default node id let every replica issue the same ids; here a
   * generator cannot be built without an explicit worker id or lease.
   */
  @Test
  void replicasWithoutAWorkerId_cannotBeBuilt() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> IdGenerators.snowflake(twitter).build());
    assertTrue(error.getMessage().startsWith("no worker id"), error.getMessage());
  }
}
