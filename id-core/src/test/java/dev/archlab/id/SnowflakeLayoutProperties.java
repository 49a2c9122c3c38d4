package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.id.SnowflakeLayout.FieldOrder;
import dev.archlab.id.SnowflakeLayout.IdParts;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SnowflakeLayoutProperties {

  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NOW = EPOCH.plusSeconds(1);

  /** Layouts whose lifetime (2^timeBits ticks of up to 50 ms) fits a 64-bit millisecond clock. */
  @Provide
  Arbitrary<SnowflakeLayout> customLayouts() {
    return Arbitraries.integers()
        .between(28, 56)
        .flatMap(
            time ->
                Combinators.combine(
                        Arbitraries.integers().between(0, Math.min(31, 63 - time - 1)),
                        Arbitraries.integers().between(1, 50),
                        Arbitraries.of(FieldOrder.class))
                    .as(
                        (worker, tickMillis, order) ->
                            SnowflakeLayout.builder()
                                .timeBits(time)
                                .workerBits(worker)
                                .sequenceBits(63 - time - worker)
                                .tickLength(Duration.ofMillis(tickMillis))
                                .epoch(EPOCH)
                                .fieldOrder(order)
                                .build(NOW)));
  }

  @Provide
  Arbitrary<SnowflakeLayout> anyLayout() {
    return Arbitraries.oneOf(
        customLayouts(), Arbitraries.of(SnowflakeLayout.twitter(), SnowflakeLayout.sonyflake()));
  }

  @Property(tries = 300)
  void decodeThenEncodeGivesBackEveryId(
      @ForAll("anyLayout") SnowflakeLayout layout,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) {
    IdParts parts = layout.decode(id);

    assertEquals(id, layout.encode(parts));
    assertEquals(layout.tickStartMillis(parts.tick()), parts.timestamp().toEpochMilli());
  }

  @Property(tries = 300)
  void encodeThenDecodeGivesBackTheFields(
      @ForAll("anyLayout") SnowflakeLayout layout,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long tickSeed,
      @ForAll @IntRange(min = 0) int workerSeed,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long sequenceSeed) {
    long tick = tickSeed % (layout.maxTick() + 1);
    int worker = (int) (workerSeed % ((long) layout.maxWorkerId() + 1));
    long sequence = sequenceSeed % layout.maxIdsPerTick();

    long id = layout.encode(tick, worker, sequence);
    IdParts parts = layout.decode(id);

    assertTrue(id >= 0);
    assertEquals(tick, parts.tick());
    assertEquals(worker, parts.workerId());
    assertEquals(sequence, parts.sequence());
  }

  @Property(tries = 300)
  void idsSortByTickThenBySequenceWithinAWorker(
      @ForAll("anyLayout") SnowflakeLayout layout,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long first,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long second) {
    IdParts a = layout.decode(first);
    IdParts b = layout.decode(second);
    long firstOfItsTickAndWorker = layout.encode(a.tick(), a.workerId(), 0);

    if (a.tick() < b.tick()) {
      assertTrue(first < second);
    }
    assertTrue(
        firstOfItsTickAndWorker <= first, "sequence 0 is the smallest id of a tick and worker");
  }

  @Property(tries = 200)
  void limitsFollowFromTheBitWidths(@ForAll("customLayouts") SnowflakeLayout layout) {
    assertEquals(63, layout.timeBits() + layout.workerBits() + layout.sequenceBits());
    assertEquals(1L << layout.sequenceBits(), layout.maxIdsPerTick());
    assertEquals((1L << layout.workerBits()) - 1, layout.maxWorkerId());
    assertEquals(
        layout.epoch().plus(layout.tickLength().multipliedBy(1L << layout.timeBits())),
        layout.endOfLife());
    assertEquals(Duration.between(NOW, layout.endOfLife()), layout.remainingLifetime(NOW));
    long maxId = layout.encode(layout.maxTick(), layout.maxWorkerId(), layout.maxSequence());
    assertEquals(Long.MAX_VALUE, maxId, "all fields at their maximum fill 63 bits exactly");
  }

  @Property(tries = 200)
  void encodeRejectsAWorkerIdPastTheBitWidth(
      @ForAll("customLayouts") SnowflakeLayout layout, @ForAll @IntRange(min = 1) int excess) {
    int worker = (int) Math.min(Integer.MAX_VALUE, (long) layout.maxWorkerId() + excess);
    if (worker <= layout.maxWorkerId()) {
      worker = -excess;
    }
    int bad = worker;
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> layout.encode(0, bad, 0));
    assertEquals(
        "worker id must be between 0 and " + layout.maxWorkerId() + ", was " + bad,
        error.getMessage());
  }

  @Property(tries = 100)
  void encodeRejectsASequencePastTheBitWidth(@ForAll("customLayouts") SnowflakeLayout layout) {
    long sequence = layout.maxIdsPerTick();
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> layout.encode(0, 0, sequence));
    assertEquals(
        "sequence must be between 0 and " + layout.maxSequence() + ", was " + sequence,
        error.getMessage());
  }

  @Example
  void twitterPresetMatchesThePublishedLayout() {
    SnowflakeLayout twitter = SnowflakeLayout.twitter();

    assertEquals(4_096, twitter.maxIdsPerTick());
    assertEquals(1_023, twitter.maxWorkerId());
    assertEquals(Duration.ofMillis(1), twitter.tickLength());
    // 2^41 ms after 2010-11-04T01:42:54.657Z.
    assertEquals(Instant.parse("2080-07-10T17:30:30.209Z"), twitter.endOfLife());
    assertEquals(SnowflakeLayout.TWITTER_EPOCH, twitter.decode(0).timestamp());
    assertEquals((7L << 22) | (3L << 12) | 5, twitter.encode(7, 3, 5));
  }

  @Example
  void sonyflakePresetPutsTheSequenceAboveTheMachineId() {
    SnowflakeLayout sonyflake = SnowflakeLayout.sonyflake();

    assertEquals(256, sonyflake.maxIdsPerTick());
    assertEquals(65_535, sonyflake.maxWorkerId());
    assertEquals((5L << 24) | (7L << 16) | 0x1234, sonyflake.encode(5, 0x1234, 7));
    assertTrue(sonyflake.remainingLifetime(NOW).toDays() > 150 * 365);
  }

  @Example
  void bitsThatDoNotAddUpTo63AreRejectedWithTheSum() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.twitter().toBuilder().timeBits(42).build());
    assertEquals(
        "time, worker and sequence bits must add up to 63, were 42 + 10 + 12 = 64",
        error.getMessage());
  }

  @Example
  void anEpochInTheFutureIsRejected() {
    Instant future = Instant.now().plusSeconds(3_600);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.twitter().toBuilder().epoch(future).build());
    assertEquals(
        "epoch must not be in the future, was " + Instant.ofEpochMilli(future.toEpochMilli()),
        error.getMessage());
  }

  @Example
  void aLayoutWhoseLifetimeHasEndedIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.builder()
                    .timeBits(30)
                    .workerBits(10)
                    .sequenceBits(23)
                    .tickLength(Duration.ofMillis(1))
                    .epoch(Instant.EPOCH)
                    .build());
    assertEquals(
        "layout lifetime ended at 1970-01-13T10:15:41.824Z; choose a later epoch",
        error.getMessage());
  }

  @Example
  void aLifetimeBeyondA64BitClockIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.builder()
                    .timeBits(62)
                    .workerBits(0)
                    .sequenceBits(1)
                    .tickLength(Duration.ofMillis(10))
                    .epoch(EPOCH)
                    .build());
    assertTrue(error.getMessage().contains("overflows a 64-bit millisecond clock"));
  }

  @Example
  void missingAndMalformedOptionsAreNamed() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> SnowflakeLayout.builder().timeBits(41).workerBits(10).sequenceBits(12).build());
    assertEquals("tickLength must be set", missing.getMessage());

    IllegalArgumentException tick =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.builder().tickLength(Duration.ofNanos(1_500_000)));
    assertEquals(
        "tick length must be a positive whole number of milliseconds, was PT0.0015S",
        tick.getMessage());

    IllegalArgumentException bits =
        assertThrows(
            IllegalArgumentException.class, () -> SnowflakeLayout.builder().workerBits(32));
    assertEquals("worker bits must be between 0 and 31, was 32", bits.getMessage());
  }

  @Example
  void epochOrTickLength_beyond64BitMillis_isRejectedNamingTheOption() {
    IllegalArgumentException epoch =
        assertThrows(
            IllegalArgumentException.class, () -> SnowflakeLayout.builder().epoch(Instant.MAX));
    assertTrue(epoch.getMessage().startsWith("epoch must fit 64-bit milliseconds"));
    IllegalArgumentException tick =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.builder().tickLength(Duration.ofSeconds(Long.MAX_VALUE)));
    assertTrue(tick.getMessage().startsWith("tick length must fit 64-bit milliseconds"));
  }

  @Example
  void epoch_atTheSmallestMillisecond_countsAsSet() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.twitter().toBuilder()
                    .epoch(Instant.ofEpochMilli(Long.MIN_VALUE))
                    .build());
    assertTrue(error.getMessage().startsWith("layout lifetime ended"), error.getMessage());
  }

  @Example
  void decodeRejectsANegativeId() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SnowflakeLayout.twitter().decode(-5));
    assertEquals("id must be >= 0, was -5", error.getMessage());
  }

  @Example
  void encodeRejectsATimestampThatIsNotTheTickStart() {
    IdParts parts = new IdParts(Instant.EPOCH, 3, 1, 1);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SnowflakeLayout.twitter().encode(parts));
    assertTrue(error.getMessage().startsWith("timestamp must be the start of tick 3"));
  }
}
