package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentIdGeneratorTest {
  private final HikariDataSource first = TicketServers.h2InMemory(TicketServersTest.uniqueName());
  private final HikariDataSource second = TicketServers.h2InMemory(TicketServersTest.uniqueName());

  @AfterEach
  void closePools() {
    first.close();
    second.close();
  }

  @Test
  void segments_oneServer_areConsecutiveWithOneRoundTripPerBlock() {
    try (TicketIdGenerator ids =
        TicketServers.builder("seq").server(first).blockSize(100, 100).segments()) {
      for (long expected = 1; expected <= 1_000; expected++) {
        assertEquals(expected, ids.nextId());
      }
      TicketIdGenerator.Stats stats = ids.stats();
      assertEquals(1_000, stats.idsIssued());
      assertEquals(stats.blocks(), stats.roundTrips());
      assertTrue(stats.blocks() >= 10 && stats.blocks() <= 11, stats.toString());
    }
  }

  @Test
  void segments_restart_neverReissuesAReservedBlock() {
    long last;
    try (TicketIdGenerator ids =
        TicketServers.builder("restart").server(first).blockSize(50, 50).segments()) {
      last = ids.nextIds(75)[74];
    }
    try (TicketIdGenerator ids =
        TicketServers.builder("restart").server(first).blockSize(50, 50).segments()) {
      long next = ids.nextId();
      // Blocks 1-50 and 51-100 were reserved (the second one prefetched): both are skipped.
      assertTrue(next > 100 && next > last, "restart reissued a reserved id: " + next);
    }
  }

  @Test
  void segments_blockSize_growsWithTheConsumptionRate() {
    try (TicketIdGenerator ids =
        TicketServers.builder("adaptive")
            .server(first)
            .blockSize(100, 1_000_000)
            .targetBlockDuration(Duration.ofSeconds(2))
            .segments()) {
      for (int i = 0; i < 2_000_000; i++) {
        ids.nextId();
      }
      TicketIdGenerator.Stats stats = ids.stats();
      assertTrue(stats.currentBlockSize() > 10_000, stats.toString());
      assertTrue(stats.blocks() < 200, "block size did not adapt: " + stats);
    }
  }

  @Test
  void segments_twoServersOneDown_failOverWithoutDuplicates() {
    SwitchableDataSource a = new SwitchableDataSource(first);
    SwitchableDataSource b = new SwitchableDataSource(second);
    try (TicketIdGenerator ids =
        TicketServers.builder("ha").server(a).server(b).blockSize(10, 10).segments()) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 25; i++) {
        long id = ids.nextId();
        assertTrue(seen.add(id));
        assertEquals(1, id % 2, "server 1 serves while it is up: " + id);
      }
      a.setDown(true);
      List<Long> later = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long id = ids.nextId();
        assertTrue(seen.add(id), "duplicate " + id);
        later.add(id);
      }
      assertTrue(later.stream().anyMatch(id -> id % 2 == 0), "never failed over: " + later);
      assertTrue(ids.stats().failovers() >= 1);
    }
  }

  @Test
  void segments_manyThreads_neverShareAnId() throws InterruptedException {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (TicketIdGenerator ids =
        TicketServers.builder("threads").server(first).blockSize(64, 4_096).segments()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 20_000; i++) {
                        long id = i % 7 == 0 ? ids.nextIds(3)[2] : ids.nextId();
                        if (!seen.add(id)) {
                          throw new AssertionError("duplicate " + id);
                        }
                      }
                    }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(80_000, seen.size());
    }
  }
}
