package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  /**
   * Threads drawing ids on the real clock while another thread keeps moving the lease between
   * worker ids (with floors slightly ahead of the clock) never see a duplicate, and each thread
   * sees increasing ids.
   */
  @Test
  void leaseMovingUnderConcurrentDraws_neverDuplicatesAndKeepsEachThreadIncreasing()
      throws Exception {
    SnowflakeWorkerIdLeaseTest.ScriptedLease lease =
        new SnowflakeWorkerIdLeaseTest.ScriptedLease(0);
    IdGenerator generator =
        IdGenerators.snowflake(SnowflakeLayout.twitter())
            .workerIdLease(lease)
            .maxBackwardWait(Duration.ofMillis(50))
            .build();
    int threads = 4;
    int idsPerThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<long[]>> draws = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      draws.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                long[] ids = new long[idsPerThread];
                for (int i = 0; i < idsPerThread; i++) {
                  ids[i] = generator.nextId();
                }
                return ids;
              }));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(draws.toArray(CompletableFuture[]::new));

    start.countDown();
    int moves = 0;
    while (!all.isDone()) {
      moves++;
      lease.moveTo(moves % 5, System.currentTimeMillis() + (moves % 3));
      Thread.sleep(1);
    }

    Set<Long> seen = new HashSet<>();
    for (CompletableFuture<long[]> draw : draws) {
      long[] ids = draw.get();
      for (int i = 0; i < ids.length; i++) {
        assertTrue(seen.add(ids[i]), "duplicate id " + ids[i]);
        assertTrue(i == 0 || ids[i] > ids[i - 1], "a thread saw a smaller id");
      }
    }
    assertEquals(threads * idsPerThread, seen.size());
    assertTrue(moves > 1, "the lease moved while ids were drawn");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
