package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnowflakeConcurrencyTest {

  /**
   * A clock that, for one chosen thread, takes its reading and then stalls before returning it,
   * like a thread preempted right after reading the clock.
   */
  static final class StallingClock implements InstantSource {
    final VirtualClock time;
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    volatile Thread victim;

    StallingClock(VirtualClock time) {
      this.time = time;
    }

    @Override
    public long millis() {
      long reading = time.millis();
      if (Thread.currentThread() == victim) {
        victim = null;
        stalled.countDown();
        try {
          assertTrue(resume.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return reading;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }

  /**
   * A thread that read the clock and was then preempted while others issued ids for a while holds
   * an old reading; that must not be mistaken for the clock moving backwards.
   */
  @Test
  void threadPreemptedAfterReadingTheClock_isNotMistakenForAClockRegression() throws Exception {
    VirtualClock time = VirtualClock.atRecentTime();
    StallingClock clock = new StallingClock(time);
    IdGenerator generator =
        IdGenerators.snowflake(SnowflakeLayout.twitter())
            .workerId(2)
            .timeSource(clock)
            .clockWaiter(time)
            .maxBackwardWait(Duration.ofMillis(5))
            .build();
    long first = generator.nextId();

    CompletableFuture<Long> preempted =
        CompletableFuture.supplyAsync(
            () -> {
              clock.victim = Thread.currentThread();
              return generator.nextId();
            });
    assertTrue(clock.stalled.await(10, TimeUnit.SECONDS));
    time.moveBy(50);
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(generator.nextId());
    }
    clock.resume.countDown();
    long late = preempted.get(10, TimeUnit.SECONDS);

    assertTrue(ids.add(late), "the preempted thread's id is distinct");
    assertTrue(ids.add(first));
    assertEquals(1_002, ids.size());
  }
}
