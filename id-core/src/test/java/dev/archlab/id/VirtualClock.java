package dev.archlab.id;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test clock in virtual time: it stands still until a test moves it or a generator waits on it,
 * and waiting advances it by the time waited. So clock regressions and sequence exhaustion play out
 * exactly and instantly.
 */
final class VirtualClock implements InstantSource, ClockWaiter {
  private final AtomicLong millis;
  private final AtomicLong waitedMillis = new AtomicLong();

  VirtualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /** A clock at a fixed, recent instant well inside every preset's lifetime. */
  static VirtualClock atRecentTime() {
    return new VirtualClock(Instant.parse("2025-06-01T00:00:00Z").toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public void await(long waitMillis) {
    long step = Math.max(1, waitMillis);
    waitedMillis.addAndGet(step);
    millis.addAndGet(step);
  }

  void moveBy(long deltaMillis) {
    millis.addAndGet(deltaMillis);
  }

  void set(long epochMillis) {
    millis.set(epochMillis);
  }

  long waitedMillis() {
    return waitedMillis.get();
  }

  @Override
  public String toString() {
    return "VirtualClock[" + instant() + "]";
  }
}
