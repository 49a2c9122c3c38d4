package dev.archlab.id;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time under the test's control: one shared "true" time that the database reads, and a node view of
 * it whose wall clock is off by a fixed skew. Monotonic time advances with true time.
 */
final class FakeLeaseClock implements LeaseClock {
  private final AtomicLong trueMillis;
  private final long wallSkewMillis;

  FakeLeaseClock(AtomicLong trueMillis, long wallSkewMillis) {
    this.trueMillis = trueMillis;
    this.wallSkewMillis = wallSkewMillis;
  }

  @Override
  public long databaseMillis(Connection connection, SqlDialect dialect) {
    return trueMillis.get();
  }

  @Override
  public long monotonicNanos() {
    return trueMillis.get() * 1_000_000L;
  }

  @Override
  public long wallMillis() {
    return trueMillis.get() + wallSkewMillis;
  }
}
