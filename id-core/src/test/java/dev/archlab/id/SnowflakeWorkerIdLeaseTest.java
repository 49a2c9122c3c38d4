package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/** Snowflake generators on a worker-id lease that tests revoke, move and fence. */
class SnowflakeWorkerIdLeaseTest {

  private static final SnowflakeLayout TWITTER = SnowflakeLayout.twitter();

  /** A lease the test controls: held worker id (or -1) and the previous holder's mark. */
  static final class ScriptedLease implements WorkerIdLease {
    volatile int workerId;
    volatile long notBefore = Long.MIN_VALUE;
    final List<Long> recorded = new CopyOnWriteArrayList<>();

    ScriptedLease(int workerId) {
      this.workerId = workerId;
    }

    void moveTo(int newWorkerId, long newNotBefore) {
      notBefore = newNotBefore;
      workerId = newWorkerId;
    }

    @Override
    public int workerIdAt(long epochMillis) {
      return workerId;
    }

    @Override
    public long notBeforeEpochMillis() {
      return notBefore;
    }

    @Override
    public void recordIssuedUpTo(long epochMillis) {
      recorded.add(epochMillis);
    }
  }

  private static IdGenerator generatorOn(ScriptedLease lease, VirtualClock clock) {
    return IdGenerators.snowflake(TWITTER)
        .workerIdLease(lease)
        .timeSource(clock)
        .clockWaiter(clock)
        .maxBackwardWait(Duration.ofMillis(50))
        .build();
  }

  @Example
  void lostLease_stopsIssuingWithAClearErrorAndResumesOnceHeldAgain() {
    VirtualClock clock = VirtualClock.atRecentTime();
    ScriptedLease lease = new ScriptedLease(4);
    IdGenerator generator = generatorOn(lease, clock);
    long before = generator.nextId();

    lease.workerId = -1;
    IdGenerationException error = assertThrows(IdGenerationException.class, generator::nextId);
    assertTrue(error.getMessage().startsWith("no worker-id lease held at "), error.getMessage());

    lease.workerId = 4;
    assertTrue(generator.nextId() > before);
  }

  @Example
  void firstIdOfALeasedWorkerId_landsAboveThePreviousHoldersMark() {
    VirtualClock clock = VirtualClock.atRecentTime();
    ScriptedLease lease = new ScriptedLease(9);
    lease.notBefore = clock.millis() + 20;

    long id = generatorOn(lease, clock).nextId();

    assertTrue(TWITTER.decode(id).timestamp().toEpochMilli() > lease.notBefore);
    assertEquals(21, clock.waitedMillis(), "waited just past the mark");
  }

  @Example
  void issuedUpTo_isReportedAboutOncePerSecond() {
    VirtualClock clock = VirtualClock.atRecentTime();
    ScriptedLease lease = new ScriptedLease(2);
    IdGenerator generator = generatorOn(lease, clock);
    long newest = 0;

    for (int i = 0; i < 10_000; i++) {
      newest = TWITTER.decode(generator.nextId()).timestamp().toEpochMilli();
      clock.moveBy(1);
    }

    assertTrue(
        lease.recorded.size() >= 10 && lease.recorded.size() <= 11, lease.recorded::toString);
    assertTrue(lease.recorded.getLast() >= newest - 1_000);
    for (int i = 1; i < lease.recorded.size(); i++) {
      assertTrue(lease.recorded.get(i) - lease.recorded.get(i - 1) >= 1_000);
    }
  }

  /** One step of a lease script. */
  sealed interface Step permits Issue, Move, MoveClock {}

  record Issue(int count) implements Step {}

  /** The lease moves to another worker id whose previous holder reached now + markOffset. */
  record Move(int workerId, long markOffsetMillis) implements Step {}

  record MoveClock(long deltaMillis) implements Step {}

  @Provide
  Arbitrary<Step> leaseSteps() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, 3_000).map(Issue::new)),
        Tuple.of(
            2,
            net.jqwik.api.Combinators.combine(
                    Arbitraries.integers().between(0, 3), Arbitraries.longs().between(-30, 30))
                .as(Move::new)),
        Tuple.of(1, Arbitraries.longs().between(-20, 20).map(MoveClock::new)));
  }

  /**
   * However the lease moves between worker ids, ids stay unique and increasing, and every id of a
   * worker id lies above the mark its previous holder left.
   */
  @Property(tries = 60)
  void workerIdChangesNeverRepeatAnIdNorUndercutThePreviousHolder(
      @ForAll @Size(min = 1, max = 25) List<@From("leaseSteps") Step> steps) {
    VirtualClock clock = VirtualClock.atRecentTime();
    ScriptedLease lease = new ScriptedLease(0);
    IdGenerator generator = generatorOn(lease, clock);
    Set<Long> issued = new HashSet<>();
    long last = -1;

    for (Step step : steps) {
      switch (step) {
        case MoveClock move -> clock.moveBy(move.deltaMillis());
        case Move move -> lease.moveTo(move.workerId(), clock.millis() + move.markOffsetMillis());
        case Issue issue -> {
          for (int i = 0; i < issue.count(); i++) {
            long id = nextIdRecovering(generator, clock);
            SnowflakeLayout.IdParts parts = TWITTER.decode(id);
            assertTrue(issued.add(id), "duplicate id " + id);
            assertTrue(id > last, "id " + id + " not above " + last);
            assertEquals(lease.workerId, parts.workerId());
            assertTrue(parts.timestamp().toEpochMilli() > lease.notBefore);
            last = id;
          }
        }
      }
    }
  }

  private static long nextIdRecovering(IdGenerator generator, VirtualClock clock) {
    try {
      return generator.nextId();
    } catch (ClockMovedBackwardsException e) {
      clock.moveBy(e.behindBy().toMillis());
      return generator.nextId();
    }
  }
}
