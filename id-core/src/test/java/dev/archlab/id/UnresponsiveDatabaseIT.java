package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL that stops answering (here: another session holds an exclusive lock on the table, as
 * a stuck migration would) must fail calls after a bounded time, never hang them.
 */
class UnresponsiveDatabaseIT {

  @Test
  void segments_counterTableLockedElsewhere_failOverToTheOtherServerAfterTheTimeout()
      throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      String lockedUrl = schemas.newServerUrl();
      HikariDataSource locked = TicketServers.pooled(lockedUrl, schemas.user(), schemas.password());
      HikariDataSource healthy = schemas.newServer();
      try (locked;
          TicketIdGenerator ids =
              TicketServers.builder("stuck")
                  .server(locked)
                  .server(healthy)
                  .blockSize(10, 10)
                  .statementTimeout(Duration.ofMillis(500))
                  .segments();
          Connection holder =
              DriverManager.getConnection(lockedUrl, schemas.user(), schemas.password())) {
        long[] before = ids.nextIds(5);
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
          lock.execute(
              "LOCK TABLE " + TicketServers.DEFAULT_SEGMENT_TABLE + " IN ACCESS EXCLUSIVE MODE");
        }

        long[] next =
            CompletableFuture.supplyAsync(() -> ids.nextIds(30)).get(20, TimeUnit.SECONDS);

        // The 5 left in the first block are odd; every block after the lock is the second's.
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (long id : before) {
          distinct.add(id);
        }
        long even = 0;
        for (long id : next) {
          assertTrue(distinct.add(id), "duplicate " + id);
          even += id % 2 == 0 ? 1 : 0;
        }
        assertEquals(25, even, java.util.Arrays.toString(next));
        assertTrue(ids.stats().failovers() >= 1, ids.stats().toString());
        holder.rollback();
      }
    }
  }

  @Test
  void tickets_sequenceLockedElsewhere_failsWithinTheTimeoutInsteadOfHanging() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      String url = schemas.newServerUrl();
      HikariDataSource database = TicketServers.pooled(url, schemas.user(), schemas.password());
      try (database;
          TicketIdGenerator ids =
              TicketServers.builder("stuck_tickets")
                  .server(database)
                  .statementTimeout(Duration.ofMillis(500))
                  .tickets();
          Connection holder =
              DriverManager.getConnection(url, schemas.user(), schemas.password())) {
        ids.nextId();
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
          // Altering a sequence locks it exclusively until commit; nextval waits meanwhile.
          lock.execute("ALTER SEQUENCE stuck_tickets CACHE 1");
        }

        long start = System.nanoTime();
        CompletableFuture<Long> call = CompletableFuture.supplyAsync(ids::nextId);
        Exception error = assertThrows(Exception.class, () -> call.get(20, TimeUnit.SECONDS));

        assertTrue(error.getCause() instanceof IdGenerationException, error.toString());
        assertTrue(
            error.getCause().getMessage().startsWith("no ticket server answered"),
            error.getCause().getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
        holder.rollback();
      }
    }
  }

  @Test
  void leaseClose_tableLockedElsewhere_stopsStampingAndReturnsWithoutHanging() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      String url = schemas.newServerUrl();
      HikariDataSource database = TicketServers.pooled(url, schemas.user(), schemas.password());
      try (database;
          Connection holder =
              DriverManager.getConnection(url, schemas.user(), schemas.password())) {
        WorkerIdLeases.Lease lease =
            WorkerIdLeases.jdbc(database, 7, Duration.ofMillis(900)).open();
        assertEquals(0, lease.currentWorkerId());
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
          lock.execute("LOCK TABLE " + WorkerIdLeases.DEFAULT_TABLE + " IN ACCESS EXCLUSIVE MODE");
        }
        Thread.sleep(500); // the background heartbeat is now waiting on the lock

        CompletableFuture.runAsync(lease::close).get(10, TimeUnit.SECONDS);

        assertEquals(-1, lease.workerIdAt(System.currentTimeMillis()));
        holder.rollback();
      }
    }
  }
}
