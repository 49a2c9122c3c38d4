package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Worker-id leases on real PostgreSQL, with its clock deciding expiry. */
class WorkerIdLeasePostgresIT {

  @Test
  void concurrentStarts_eachLiveNodeGetsADistinctId_andTheRestAreToldAllAreTaken()
      throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource database = schemas.newServer();
      List<WorkerIdLeases.Lease> held = new ArrayList<>();
      int refused = 0;
      ExecutorService starts = Executors.newFixedThreadPool(8);
      try {
        List<Future<WorkerIdLeases.Lease>> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          attempts.add(
              starts.submit(() -> WorkerIdLeases.jdbc(database, 7, Duration.ofSeconds(5)).open()));
        }
        for (Future<WorkerIdLeases.Lease> attempt : attempts) {
          try {
            held.add(attempt.get());
          } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof IdGenerationException, e.toString());
            refused++;
          }
        }
        Set<Integer> ids = new HashSet<>();
        for (WorkerIdLeases.Lease lease : held) {
          assertTrue(ids.add(lease.currentWorkerId()), "id held twice: " + held);
        }
        assertEquals(8, held.size());
        assertEquals(4, refused);
      } finally {
        starts.shutdownNow();
        held.forEach(WorkerIdLeases.Lease::close);
      }
    }
  }

  @Test
  void heartbeat_keepsTheIdPastItsTtl_andADeadNodesIdReturnsAfterExpiry() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource database = schemas.newServer();
      Duration ttl = Duration.ofMillis(900);
      try (WorkerIdLeases.Lease alive = WorkerIdLeases.jdbc(database, 1, ttl).open()) {
        JdbcWorkerIdLease dead = WorkerIdLeases.jdbc(database, 1, ttl).manualHeartbeat().openJdbc();
        int deadId = dead.currentWorkerId();
        Thread.sleep(2_000);
        assertEquals(1 - deadId, alive.workerIdAt(System.currentTimeMillis()));
        assertEquals(-1, dead.workerIdAt(System.currentTimeMillis()));
        try (WorkerIdLeases.Lease next = WorkerIdLeases.jdbc(database, 1, ttl).open()) {
          assertEquals(deadId, next.currentWorkerId());
          assertTrue(next.notBeforeEpochMillis() < System.currentTimeMillis());
          assertTrue(next.fencingToken() > dead.fencingToken());
        }
      }
    }
  }

  @Test
  void thousandRestarts_stayWithinTheIdRange() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource database = schemas.newServer();
      for (int restart = 0; restart < 1_000; restart++) {
        try (JdbcWorkerIdLease lease =
            WorkerIdLeases.jdbc(database, 3, Duration.ofSeconds(5)).manualHeartbeat().openJdbc()) {
          int id = lease.currentWorkerId();
          assertTrue(id >= 0 && id <= 3, "restart " + restart + " got " + id);
        }
      }
    }
  }
}
