package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Ticket servers and segments on real PostgreSQL: two servers, failover, restarts, threads. */
class TicketServersPostgresIT {

  @Test
  void tickets_twoPostgresServers_interleaveAndFailOver() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      SwitchableDataSource odd = new SwitchableDataSource(schemas.newServer());
      HikariDataSource even = schemas.newServer();
      Set<Long> seen = ConcurrentHashMap.newKeySet();
      try (TicketIdGenerator ids =
          TicketServers.builder("pg_tickets")
              .server(odd)
              .server(even)
              .reprobeInterval(Duration.ofMillis(50))
              .tickets()) {
        for (int i = 0; i < 200; i++) {
          assertTrue(seen.add(ids.nextId()));
        }
        assertEquals(100, seen.stream().filter(id -> id % 2 == 1).count());
        odd.setDown(true);
        for (long id : ids.nextIds(100)) {
          assertTrue(seen.add(id));
          assertEquals(0, id % 2);
        }
        assertTrue(ids.stats().failovers() >= 1);
        odd.setDown(false);
      }
      // A restarted client continues after every ticket handed out before.
      try (TicketIdGenerator again =
          TicketServers.builder("pg_tickets").server(odd).server(even).tickets()) {
        for (int i = 0; i < 50; i++) {
          assertTrue(seen.add(again.nextId()), "restart reissued a ticket");
        }
      }
    }
  }

  @Test
  void segments_nodesOnThreads_andRestarts_neverShareAnId() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource first = schemas.newServer();
      HikariDataSource second = schemas.newServer();
      Set<Long> seen = ConcurrentHashMap.newKeySet();
      for (int round = 0; round < 3; round++) {
        List<Thread> nodes = new ArrayList<>();
        List<AssertionError> failures = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
          nodes.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try (TicketIdGenerator ids =
                            TicketServers.builder("pg_segments")
                                .server(first)
                                .server(second)
                                .blockSize(20, 2_000)
                                .segments()) {
                          for (int i = 0; i < 5_000; i++) {
                            if (!seen.add(ids.nextId())) {
                              throw new AssertionError("duplicate segment id");
                            }
                          }
                          assertEquals(ids.stats().blocks(), ids.stats().roundTrips());
                        } catch (AssertionError e) {
                          synchronized (failures) {
                            failures.add(e);
                          }
                        }
                      }));
        }
        for (Thread node : nodes) {
          node.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
      }
      assertEquals(45_000, seen.size());
    }
  }

  @Test
  void segments_serverCountChanged_isRejectedNotRenumbered() throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource only = schemas.newServer();
      try (TicketIdGenerator ids = TicketServers.builder("pg_resize").server(only).segments()) {
        ids.nextId();
      }
      HikariDataSource extra = schemas.newServer();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> TicketServers.builder("pg_resize").server(only).server(extra).segments());
      assertTrue(e.getMessage().contains("1 of 1"), e.getMessage());
    }
  }
}
