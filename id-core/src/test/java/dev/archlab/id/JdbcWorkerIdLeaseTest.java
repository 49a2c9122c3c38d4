package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcWorkerIdLeaseTest {
  private static final Duration TTL = Duration.ofSeconds(10);
  private final HikariDataSource database =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());
  private final AtomicLong trueTime = new AtomicLong(1_800_000_000_000L);

  @AfterEach
  void closePool() {
    database.close();
  }

  private JdbcWorkerIdLease open(int maxWorkerId, long skewMillis, String holder) {
    return WorkerIdLeases.jdbc(database, maxWorkerId, TTL)
        .holder(holder)
        .clock(new FakeLeaseClock(trueTime, skewMillis))
        .manualHeartbeat()
        .openJdbc();
  }

  private long now() {
    return trueTime.get();
  }

  @Test
  void open_liveNodes_getDistinctIds() {
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      JdbcWorkerIdLease lease = open(3, 0, "node-" + i);
      assertTrue(ids.add(lease.workerIdAt(now())), "id handed out twice: " + ids);
    }
    assertEquals(Set.of(0, 1, 2, 3), ids);
  }

  @Test
  void open_allIdsLive_failsNamingTheRange() {
    open(1, 0, "a");
    open(1, 0, "b");
    IdGenerationException e = assertThrows(IdGenerationException.class, () -> open(1, 0, "c"));
    assertTrue(e.getMessage().contains("all 2 worker ids (0 to 1)"), e.getMessage());
  }

  @Test
  void tenThousandRestarts_reuseIdsAndStayInRange() {
    for (int restart = 0; restart < 10_000; restart++) {
      try (JdbcWorkerIdLease lease = open(3, 0, "restarting")) {
        int id = lease.workerIdAt(now() + 1);
        assertTrue(id >= 0 && id <= 3, "restart " + restart + " got worker id " + id);
      }
      trueTime.addAndGet(2);
    }
  }

  @Test
  void deadNode_idIsRecycledOnlyAfterItsTtl() {
    JdbcWorkerIdLease dead = open(0, 0, "dead");
    assertEquals(0, dead.workerIdAt(now()));
    trueTime.addAndGet(TTL.toMillis() - 1);
    assertThrows(IdGenerationException.class, () -> open(0, 0, "too-early"));
    // The dead node itself stopped a safety margin before the expiry.
    assertEquals(-1, dead.workerIdAt(now() - 1));
    trueTime.addAndGet(2);
    JdbcWorkerIdLease next = open(0, 0, "next");
    long deadLimit = next.notBeforeEpochMillis();
    assertEquals(0, dead.workerIdAt(deadLimit - 1), "the dead node could stamp up to its limit");
    assertEquals(-1, next.workerIdAt(deadLimit), "must not stamp at the dead node's stamp limit");
    assertEquals(0, next.workerIdAt(now()));
    assertTrue(next.fencingToken() > dead.fencingToken());
  }

  @Test
  void heartbeat_renewsBeforeExpiry_soTheIdStaysHeld() {
    JdbcWorkerIdLease lease = open(0, 0, "alive");
    for (int i = 0; i < 10; i++) {
      trueTime.addAndGet(TTL.toMillis() / 3);
      assertTrue(lease.heartbeatNow());
      assertEquals(0, lease.workerIdAt(now()));
    }
    assertThrows(IdGenerationException.class, () -> open(0, 0, "intruder"));
  }

  @Test
  void pausedNode_isFencedAfterTakeover_andStopsIssuing() {
    JdbcWorkerIdLease paused = open(1, 0, "paused");
    long token = paused.fencingToken();
    trueTime.addAndGet(TTL.toMillis() + 1);
    assertEquals(-1, paused.workerIdAt(now()));
    JdbcWorkerIdLease taker = open(1, 0, "taker");
    assertEquals(0, taker.currentWorkerId());
    // The paused node wakes up: its renewal finds the epoch changed, so it takes another id.
    assertTrue(paused.heartbeatNow());
    assertEquals(1, paused.workerIdAt(now() + 1));
    assertTrue(taker.fencingToken() > token, "the taker's grant carries a newer epoch");
  }

  @Test
  void lateRenewal_nobodyTookTheId_revivesTheSameGrant() {
    JdbcWorkerIdLease late = open(0, 0, "late");
    trueTime.addAndGet(TTL.toMillis() + 5);
    assertEquals(-1, late.workerIdAt(now()));
    assertTrue(late.heartbeatNow());
    assertEquals(0, late.workerIdAt(now()));
  }

  @Test
  void release_nextHolderStartsAfterTheReleasedStamps() {
    JdbcWorkerIdLease first = open(0, 0, "first");
    first.recordIssuedUpTo(now());
    trueTime.addAndGet(5);
    first.close();
    assertEquals(-1, first.workerIdAt(now()));
    JdbcWorkerIdLease second = open(0, 0, "second");
    assertEquals(now(), second.notBeforeEpochMillis());
    assertEquals(-1, second.workerIdAt(now()));
    assertEquals(0, second.workerIdAt(now() + 1));
  }

  @Test
  void skewedClocks_nextHolderWaitsForThePreviousHoldersStampLimit() {
    JdbcWorkerIdLease ahead = open(0, 3_000, "ahead");
    long aheadLastStamp = now() + 3_000 + TTL.toMillis() - TTL.toMillis() / 5 - 1;
    assertEquals(0, ahead.workerIdAt(aheadLastStamp));
    trueTime.addAndGet(TTL.toMillis() + 1);
    JdbcWorkerIdLease behind = open(0, -3_000, "behind");
    assertEquals(-1, behind.workerIdAt(aheadLastStamp));
    assertEquals(0, behind.workerIdAt(aheadLastStamp + 2));
  }

  @Test
  void backgroundHeartbeat_keepsTheLeaseAndCloseReleasesIt() throws InterruptedException {
    try (WorkerIdLeases.Lease lease =
        WorkerIdLeases.jdbc(database, 0, Duration.ofMillis(600)).open()) {
      Thread.sleep(1_500);
      assertEquals(0, lease.workerIdAt(System.currentTimeMillis()));
    }
    try (WorkerIdLeases.Lease again =
        WorkerIdLeases.jdbc(database, 0, Duration.ofMillis(600)).open()) {
      assertEquals(0, again.currentWorkerId());
    }
  }

  @Test
  void concurrentStarts_neverShareAnId_andSurplusNodesAreRefused() throws Exception {
    List<Future<JdbcWorkerIdLease>> starts = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      for (int i = 0; i < 12; i++) {
        String name = "racer-" + i;
        starts.add(threads.submit(() -> open(7, 0, name)));
      }
      Set<Integer> ids = new HashSet<>();
      int refused = 0;
      for (Future<JdbcWorkerIdLease> start : starts) {
        try {
          assertTrue(ids.add(start.get().workerIdAt(now())), "id handed out twice: " + ids);
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof IdGenerationException, e.toString());
          refused++;
        }
      }
      assertEquals(8, ids.size());
      assertEquals(4, refused);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void builder_badArguments_areRejectedWithTheValue() {
    IllegalArgumentException ttl =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkerIdLeases.jdbc(database, 3, Duration.ofMillis(10)));
    assertTrue(ttl.getMessage().contains("PT0.01S"), ttl.getMessage());
    IllegalArgumentException max =
        assertThrows(IllegalArgumentException.class, () -> WorkerIdLeases.jdbc(database, -1, TTL));
    assertTrue(max.getMessage().contains("-1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> WorkerIdLeases.jdbc(database, 3, TTL).table("leases; drop"));
  }

  @Test
  void open_maxWorkerIdOfThirtyOneBits_leasesTheLowestFreeIdWithoutABitmap() {
    open(Integer.MAX_VALUE, 0, "first");
    JdbcWorkerIdLease second = open(Integer.MAX_VALUE, 0, "second");

    assertEquals(1, second.workerIdAt(now()));
  }

  @Test
  void builder_ttlBeyondAYear_isRejectedInsteadOfOverflowing() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkerIdLeases.jdbc(database, 3, Duration.ofSeconds(Long.MAX_VALUE)));
    assertTrue(error.getMessage().startsWith("ttl must be between PT0.3S and PT8760H"));
  }
}
