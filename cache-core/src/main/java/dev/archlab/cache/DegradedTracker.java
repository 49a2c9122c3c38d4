package dev.archlab.cache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks degraded episodes of one part (Redis unreachable, source of truth failing): one warning
 * when an episode starts, one info line when it ends, and the total time spent degraded.
 */
final class DegradedTracker {
  private static final Logger log = LoggerFactory.getLogger(DegradedTracker.class);

  private final String part;
  private final CacheClock clock;
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final AtomicLong episodeStart = new AtomicLong();
  private final AtomicLong closedEpisodesMillis = new AtomicLong();
  private final AtomicLong episodes = new AtomicLong();

  DegradedTracker(String part, CacheClock clock) {
    this.part = part;
    this.clock = clock;
  }

  /** Starts an episode unless one is running; only the first failure of an episode warns. */
  void markDegraded(String what, Throwable cause) {
    if (degraded.compareAndSet(false, true)) {
      episodeStart.set(clock.millis());
      episodes.incrementAndGet();
      log.warn(
          "{} degraded: {} ({}); serving without it until it recovers",
          part,
          what,
          String.valueOf(cause));
    }
  }

  /** Ends the running episode, if any. Cheap when healthy: one volatile read. */
  void markHealthy() {
    if (degraded.get() && degraded.compareAndSet(true, false)) {
      long lasted = Math.max(0, clock.millis() - episodeStart.get());
      closedEpisodesMillis.addAndGet(lasted);
      log.info("{} recovered after {} ms", part, lasted);
    }
  }

  boolean isDegraded() {
    return degraded.get();
  }

  /** Degraded episodes started so far (each one warned once). */
  long episodes() {
    return episodes.get();
  }

  long degradedMillis() {
    long total = closedEpisodesMillis.get();
    if (degraded.get()) {
      total += Math.max(0, clock.millis() - episodeStart.get());
    }
    return total;
  }
}
