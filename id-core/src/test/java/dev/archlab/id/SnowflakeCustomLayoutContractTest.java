package dev.archlab.id;

import java.time.Duration;
import java.time.Instant;

/** 2 ms ticks, 13 worker bits, 10 sequence bits, the sequence above the worker. */
class SnowflakeCustomLayoutContractTest extends SnowflakeContract {
  @Override
  SnowflakeLayout layout() {
    return SnowflakeLayout.builder()
        .timeBits(40)
        .workerBits(13)
        .sequenceBits(10)
        .tickLength(Duration.ofMillis(2))
        .epoch(Instant.parse("2024-01-01T00:00:00Z"))
        .fieldOrder(SnowflakeLayout.FieldOrder.TIME_SEQUENCE_WORKER)
        .build();
  }
}
