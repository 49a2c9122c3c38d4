package dev.archlab.id;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** How a Snowflake generator passes time while it waits for the clock; replaced in tests. */
@FunctionalInterface
interface ClockWaiter {

  /**
   * Parks for all but the last millisecond, then spins: parking wakes up late by tens of
   * microseconds, and a spinning wait catches the tick boundary at once.
   */
  ClockWaiter PARK_THEN_SPIN =
      millis -> {
        if (millis > 1) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis - 1));
        } else {
          Thread.onSpinWait();
        }
      };

  /** Lets about {@code millis} of clock time pass (or less; callers re-read the clock). */
  void await(long millis);
}
