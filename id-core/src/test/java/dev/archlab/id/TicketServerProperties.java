package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Ticket and segment generators over file-backed H2 servers under random schedules of draws,
 * servers going down and up, node restarts and server restarts: no id is ever issued twice.
 */
class TicketServerProperties {

  enum Action {
    DRAW,
    DRAW_BATCH,
    SERVER_DOWN,
    SERVER_UP,
    RESTART_NODE,
    RESTART_SERVER
  }

  record Step(Action action, int target, int count) {}

  @Provide
  Arbitrary<List<Step>> schedules() {
    return scheduleArbitrary();
  }

  /** Random schedules of draws, outages and restarts; shared with the PostgreSQL run. */
  static Arbitrary<List<Step>> scheduleArbitrary() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Action.class),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 300))
            .as(Step::new);
    return step.list().ofMinSize(3).ofMaxSize(25);
  }

  @Property(tries = 12)
  void ticketIdsAreUniqueAcrossServersFailoverAndRestarts(
      @ForAll("schedules") List<Step> schedule, @ForAll @IntRange(min = 1, max = 3) int servers)
      throws Exception {
    runOnH2(schedule, servers, false);
  }

  @Property(tries = 12)
  void segmentIdsAreUniqueAcrossNodesFailoverAndRestarts(
      @ForAll("schedules") List<Step> schedule, @ForAll @IntRange(min = 1, max = 3) int servers)
      throws Exception {
    runOnH2(schedule, servers, true);
  }

  private static void runOnH2(List<Step> schedule, int serverCount, boolean segments)
      throws Exception {
    Path dir = Files.createTempDirectory("archlab-tickets");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < serverCount; i++) {
      urls.add("jdbc:h2:file:" + dir.resolve("server" + i));
    }
    run(schedule, urls, "sa", "", segments);
  }

  /**
   * Plays the schedule against one ticket server per URL with two client nodes and checks that no
   * id is ever returned twice. A server restart closes every connection and opens new ones (for an
   * embedded file database that closes and reopens the database itself).
   */
  static void run(
      List<Step> schedule, List<String> urls, String user, String password, boolean segments)
      throws Exception {
    int serverCount = urls.size();
    List<SwitchableDataSource> servers = new ArrayList<>();
    for (String url : urls) {
      servers.add(new SwitchableDataSource(TicketServers.pooled(url, user, password)));
    }
    TicketIdGenerator[] nodes = new TicketIdGenerator[2];
    Set<Long> seen = new HashSet<>();
    try {
      for (int n = 0; n < nodes.length; n++) {
        nodes[n] = build(servers, segments);
      }
      for (Step step : schedule) {
        int node = step.target() % nodes.length;
        SwitchableDataSource server = servers.get(step.target() % serverCount);
        switch (step.action()) {
          case DRAW -> draw(nodes[node], step.count(), false, seen);
          case DRAW_BATCH -> draw(nodes[node], step.count(), true, seen);
          case SERVER_DOWN -> server.setDown(true);
          case SERVER_UP -> server.setDown(false);
          case RESTART_NODE -> {
            nodes[node].close();
            nodes[node] = null;
            nodes[node] = build(servers, segments);
          }
          case RESTART_SERVER ->
              restart(server, urls.get(step.target() % serverCount), user, password);
        }
      }
      for (SwitchableDataSource server : servers) {
        server.setDown(false);
      }
      for (TicketIdGenerator node : nodes) {
        if (node != null) {
          draw(node, 50, false, seen);
        }
      }
    } finally {
      for (TicketIdGenerator node : nodes) {
        if (node != null) {
          node.close();
        }
      }
      for (SwitchableDataSource server : servers) {
        ((HikariDataSource) server.delegate()).close();
      }
    }
  }

  private static TicketIdGenerator build(List<SwitchableDataSource> servers, boolean segments) {
    TicketServers.Builder builder =
        TicketServers.builder("props").reprobeInterval(Duration.ofMillis(20));
    servers.forEach(builder::server);
    if (!segments) {
      return builder.tickets();
    }
    builder.blockSize(5, 200);
    for (int attempt = 0; ; attempt++) {
      try {
        return builder.segments();
      } catch (IdGenerationException allDown) {
        // Every server is switched off: bring one back, as an operator would, and retry.
        servers.get(attempt % servers.size()).setDown(false);
      }
    }
  }

  private static void draw(TicketIdGenerator node, int count, boolean batch, Set<Long> seen) {
    try {
      long[] ids = batch ? node.nextIds(count) : new long[] {node.nextId()};
      for (long id : ids) {
        assertTrue(id > 0, "ids are positive: " + id);
        assertTrue(seen.add(id), "id " + id + " issued twice by " + node);
      }
      if (batch) {
        assertEquals(count, ids.length);
      }
    } catch (IdGenerationException noServer) {
      assertTrue(noServer.getMessage().contains("no ticket server answered"), noServer::getMessage);
    }
  }

  /**
   * Closes every connection, which closes the embedded file database (H2 closes it with its last
   * connection), then opens it again from disk.
   */
  private static void restart(
      SwitchableDataSource server, String url, String user, String password) {
    HikariDataSource old = (HikariDataSource) server.delegate();
    old.close();
    server.replaceDelegate(TicketServers.pooled(url, user, password));
  }
}
