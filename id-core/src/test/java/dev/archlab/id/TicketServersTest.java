package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketServersTest {
  private final HikariDataSource first = TicketServers.h2InMemory(uniqueName());
  private final HikariDataSource second = TicketServers.h2InMemory(uniqueName());
  private final HikariDataSource third = TicketServers.h2InMemory(uniqueName());

  @AfterEach
  void closePools() {
    first.close();
    second.close();
    third.close();
  }

  static String uniqueName() {
    return "t" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void tickets_serverKofN_issuesOnlyItsResidueClass() {
    try (TicketIdGenerator ids =
        TicketServers.builder("orders").server(first).server(second).server(third).tickets()) {
      Set<Long> seen = new HashSet<>();
      int[] perResidue = new int[3];
      for (long id : ids.nextIds(30)) {
        assertTrue(seen.add(id), "duplicate " + id);
        perResidue[(int) (id % 3)]++;
      }
      for (int i = 0; i < 300; i++) {
        long id = ids.nextId();
        assertTrue(seen.add(id), "duplicate " + id);
        perResidue[(int) (id % 3)]++;
      }
      // Round robin spreads single tickets over all three servers.
      for (int residue = 0; residue < 3; residue++) {
        assertTrue(perResidue[residue] >= 90, "residue " + residue + ": " + perResidue[residue]);
      }
      assertEquals(330, ids.stats().idsIssued());
      assertEquals(301, ids.stats().roundTrips());
    }
  }

  @Test
  void tickets_oneServer_areConsecutiveFromOne() {
    try (TicketIdGenerator ids = TicketServers.builder("invoices").server(first).tickets()) {
      assertEquals(1, ids.nextId());
      assertEquals(2, ids.nextId());
      long[] batch = ids.nextIds(3);
      assertEquals(3, batch[0]);
      assertEquals(5, batch[2]);
      assertTrue(ids.guarantees().contains(IdGenerator.Guarantee.MONOTONIC));
    }
  }

  @Test
  void tickets_restartOfTheGenerator_continuesAfterTheLastTicket() {
    long last;
    try (TicketIdGenerator ids = TicketServers.builder("restarts").server(first).tickets()) {
      last = ids.nextIds(10)[9];
    }
    try (TicketIdGenerator ids = TicketServers.builder("restarts").server(first).tickets()) {
      assertTrue(ids.nextId() > last);
    }
  }

  @Test
  void tickets_serversListedInAnotherOrder_areRejected() {
    try (TicketIdGenerator ids =
        TicketServers.builder("ordered").server(first).server(second).tickets()) {
      for (int i = 0; i < 4; i++) {
        ids.nextId();
      }
    }
    try (TicketIdGenerator swapped =
        TicketServers.builder("ordered").server(second).server(first).tickets()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, swapped::nextId);
      assertTrue(e.getMessage().contains("same order"), e.getMessage());
    }
  }

  @Test
  void tickets_oneServerDown_failOverAndComeBackAfterReprobe() throws InterruptedException {
    SwitchableDataSource a = new SwitchableDataSource(first);
    SwitchableDataSource b = new SwitchableDataSource(second);
    try (TicketIdGenerator ids =
        TicketServers.builder("failover")
            .server(a)
            .server(b)
            .reprobeInterval(Duration.ofMillis(50))
            .tickets()) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        assertTrue(seen.add(ids.nextId()));
      }
      a.setDown(true);
      for (int i = 0; i < 20; i++) {
        long id = ids.nextId();
        assertTrue(seen.add(id));
        assertEquals(0, id % 2, "only server 2 (even ids) is up, got " + id);
      }
      assertTrue(ids.stats().failovers() >= 1);
      a.setDown(false);
      Thread.sleep(300);
      int odd = 0;
      for (int i = 0; i < 20; i++) {
        long id = ids.nextId();
        assertTrue(seen.add(id));
        odd += (int) (id % 2);
      }
      assertTrue(odd >= 5, "server 1 should be back in rotation, odd ids: " + odd);
    }
  }

  @Test
  void tickets_allServersDown_failWithEveryCause() {
    SwitchableDataSource a = new SwitchableDataSource(first);
    try (TicketIdGenerator ids = TicketServers.builder("down").server(a).tickets()) {
      ids.nextId();
      a.setDown(true);
      IdGenerationException e = assertThrows(IdGenerationException.class, ids::nextId);
      assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
      a.setDown(false);
      assertEquals(2, ids.nextId());
    }
  }

  @Test
  void builder_badArguments_areRejectedWithTheValue() {
    IllegalArgumentException name =
        assertThrows(IllegalArgumentException.class, () -> TicketServers.builder("drop table"));
    assertTrue(name.getMessage().contains("drop table"));
    TicketServers.Builder builder = TicketServers.builder("x");
    IllegalArgumentException bounds =
        assertThrows(IllegalArgumentException.class, () -> builder.blockSize(10, 5));
    assertTrue(bounds.getMessage().contains("min=10"));
    assertThrows(IllegalStateException.class, builder::tickets);
    builder.reprobeInterval(Duration.ofSeconds(1));
    assertThrows(IllegalStateException.class, () -> builder.reprobeInterval(Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> TicketServers.builder("y").prefetchWhenRemaining(1));
  }

  @Test
  void server_sameDataSourceTwice_isRejectedNamingItsPosition() {
    TicketServers.Builder builder = TicketServers.builder("twice").server(first).server(second);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> builder.server(first));

    assertTrue(
        error.getMessage().contains("already added as server 1 of twice"), error.getMessage());
  }

  @Test
  void tickets_afterClose_refuseToIssue() {
    TicketIdGenerator ids = TicketServers.builder("closed_tickets").server(first).tickets();
    ids.nextId();
    ids.close();
    ids.close();

    IdGenerationException error = assertThrows(IdGenerationException.class, ids::nextId);
    assertTrue(error.getMessage().startsWith("ticket generator is closed"), error.getMessage());
    assertThrows(IdGenerationException.class, () -> ids.nextIds(3));
  }

  @Test
  void segments_afterClose_refuseToIssueTheRestOfTheBlock() {
    TicketIdGenerator ids = TicketServers.builder("closed_segments").server(first).segments();
    ids.nextId();
    ids.close();

    IdGenerationException error = assertThrows(IdGenerationException.class, ids::nextId);
    assertTrue(error.getMessage().startsWith("segment generator is closed"), error.getMessage());
    assertThrows(IdGenerationException.class, () -> ids.nextIds(3));
  }
}
