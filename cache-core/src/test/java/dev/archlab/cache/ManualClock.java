package dev.archlab.cache;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class ManualClock implements CacheClock {
  private final AtomicLong now = new AtomicLong(1_000_000);

  @Override
  public long millis() {
    return now.get();
  }

  void advance(long millis) {
    now.addAndGet(millis);
  }
}
