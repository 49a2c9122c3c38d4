package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SnowflakeBuilderTest {

  private final IdGenerators.SnowflakeBuilder builder =
      IdGenerators.snowflake(SnowflakeLayout.twitter());

  @Test
  void workerIdSetTwice_isRejectedNamingTheOption() {
    builder.workerId(1);
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> builder.workerId(2));
    assertEquals(
        "workerId cannot be set: the worker id was already set by workerId", error.getMessage());
  }

  @Test
  void leaseAfterFixedWorkerId_isRejectedAsAConflict() {
    builder.workerId(1);
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class, () -> builder.workerIdLease(WorkerIdLease.fixed(2)));
    assertEquals(
        "workerIdLease cannot be set: the worker id was already set by workerId",
        error.getMessage());
  }

  @Test
  void otherOptionsSetTwice_areRejectedNamingTheOption() {
    builder.timeSource(InstantSource.system());
    builder.maxBackwardWait(Duration.ofMillis(3));
    builder.timestampStore(TimestampStores.inMemory());

    assertTrue(
        assertThrows(IllegalStateException.class, () -> builder.timeSource(InstantSource.system()))
            .getMessage()
            .startsWith("timeSource was already set"));
    assertEquals(
        "maxBackwardWait was already set to PT0.003S",
        assertThrows(
                IllegalStateException.class, () -> builder.maxBackwardWait(Duration.ofMillis(3)))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalStateException.class,
                () -> builder.timestampStore(TimestampStores.inMemory()))
            .getMessage()
            .startsWith("timestampStore was already set"));
  }

  @Test
  void negativeMaxBackwardWait_isRejectedWithTheValue() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> builder.maxBackwardWait(Duration.ofMillis(-1)));
    assertEquals("maxBackwardWait must be between 0 and PT24H, was PT-0.001S", error.getMessage());
  }

  @Test
  void maxBackwardWait_beyondADay_isRejectedInsteadOfOverflowing() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.maxBackwardWait(Duration.ofSeconds(Long.MAX_VALUE)));
    assertTrue(error.getMessage().startsWith("maxBackwardWait must be between 0 and PT24H, was"));
  }

  @Test
  void builtGenerator_advertisesMonotonicAndTimeOrderedIds() {
    IdGenerator generator = builder.workerId(9).build();

    assertEquals(
        EnumSet.of(IdGenerator.Guarantee.MONOTONIC, IdGenerator.Guarantee.TIME_ORDERED),
        EnumSet.copyOf(generator.guarantees()));
    assertEquals(9, SnowflakeLayout.twitter().decode(generator.nextId()).workerId());
  }

  @Test
  void clockBeforeTheEpoch_failsWithBothInstants() {
    VirtualClock clock = new VirtualClock(0);
    IdGenerator generator = builder.workerId(1).timeSource(clock).build();

    IdGenerationException error = assertThrows(IdGenerationException.class, generator::nextId);
    assertEquals(
        "clock reads 1970-01-01T00:00:00Z, before the layout epoch 2010-11-04T01:42:54.657Z",
        error.getMessage());
  }
}
