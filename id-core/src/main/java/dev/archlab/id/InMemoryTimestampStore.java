package dev.archlab.id;

import java.util.concurrent.atomic.AtomicLong;

/** A high-water mark held in memory. */
final class InMemoryTimestampStore implements TimestampStore {
  private final AtomicLong mark = new AtomicLong(Long.MIN_VALUE);

  @Override
  public long highWaterMark() {
    return mark.get();
  }

  @Override
  public void advanceTo(long epochMillis) {
    mark.accumulateAndGet(epochMillis, Math::max);
  }

  @Override
  public String toString() {
    return "TimestampStores.inMemory(mark=" + mark.get() + ")";
  }
}
