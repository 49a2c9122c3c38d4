package dev.archlab.examples.id;

import java.time.Instant;
import java.time.InstantSource;

/** The system clock plus an offset that the experiment moves, as NTP or an operator might. */
final class ShiftableClock implements InstantSource {
  private volatile long offsetMillis;

  ShiftableClock(long offsetMillis) {
    this.offsetMillis = offsetMillis;
  }

  void shift(long deltaMillis) {
    offsetMillis += deltaMillis;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
