package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Leases under random schedules of starts, heartbeats, clean stops, crashes (the node keeps
 * stamping but never renews, like a long GC pause) and time jumps, with skewed node clocks: two
 * holders of one worker id never stamp the same millisecond, and never at the same moment.
 */
class WorkerIdLeaseProperties {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final long[] SKEWS = {0, -1_200, 700, 2_500};

  enum Action {
    START,
    HEARTBEAT,
    ADVANCE,
    CLOSE,
    CRASH
  }

  record Step(Action action, int node, int millis) {}

  @Provide
  Arbitrary<List<Step>> leaseSchedules() {
    return scheduleArbitrary();
  }

  /** Random schedules of node starts, heartbeats, stops, crashes and time jumps. */
  static Arbitrary<List<Step>> scheduleArbitrary() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Action.class),
                Arbitraries.integers().between(0, SKEWS.length - 1),
                Arbitraries.integers().between(0, 4_000))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(60);
  }

  /** One stamping node: its lease and the stamps it made per worker id. */
  private static final class Node {
    final JdbcWorkerIdLease lease;
    final FakeLeaseClock clock;
    final String name;

    Node(JdbcWorkerIdLease lease, FakeLeaseClock clock, String name) {
      this.lease = lease;
      this.clock = clock;
      this.name = name;
    }
  }

  @Property(tries = 40)
  void holdersOfOneWorkerIdNeverStampTheSameMillisecond(
      @ForAll("leaseSchedules") List<Step> schedule) {
    try (HikariDataSource database = TicketServers.h2InMemory(TicketServersTest.uniqueName())) {
      check(schedule, database);
    }
  }

  /** Plays the schedule against a lease table in {@code database} and checks both invariants. */
  static void check(List<Step> schedule, DataSource database) {
    AtomicLong trueTime = new AtomicLong(1_800_000_000_000L);
    Node[] slots = new Node[SKEWS.length];
    List<Node> stampers = new ArrayList<>();
    // worker id -> holder -> {first stamp, last stamp}
    Map<Integer, Map<String, long[]>> stamps = new HashMap<>();
    int started = 0;
    for (Step step : schedule) {
      Node node = slots[step.node()];
      switch (step.action()) {
        case START -> {
          if (node == null) {
            FakeLeaseClock clock = new FakeLeaseClock(trueTime, SKEWS[step.node()]);
            String name = "n" + started++;
            try {
              JdbcWorkerIdLease lease =
                  WorkerIdLeases.jdbc(database, 2, TTL)
                      .holder(name)
                      .clock(clock)
                      .manualHeartbeat()
                      .openJdbc();
              slots[step.node()] = new Node(lease, clock, name);
              stampers.add(slots[step.node()]);
            } catch (IdGenerationException allTaken) {
              assertTrue(allTaken.getMessage().contains("all 3 worker ids"));
            }
          }
        }
        case HEARTBEAT -> {
          if (node != null) {
            node.lease.heartbeatNow();
          }
        }
        case ADVANCE -> trueTime.addAndGet(step.millis());
        case CLOSE -> {
          if (node != null) {
            node.lease.close();
            stampers.remove(node);
            slots[step.node()] = null;
          }
        }
        case CRASH -> slots[step.node()] = null;
      }
      stampNow(stampers, stamps);
    }
    for (Map.Entry<Integer, Map<String, long[]>> perId : stamps.entrySet()) {
      List<long[]> spans = new ArrayList<>(perId.getValue().values());
      spans.sort((x, y) -> Long.compare(x[0], y[0]));
      for (int i = 1; i < spans.size(); i++) {
        assertTrue(
            spans.get(i)[0] > spans.get(i - 1)[1],
            "worker id " + perId.getKey() + " stamped by two holders in overlapping spans");
      }
    }
  }

  private static void stampNow(List<Node> stampers, Map<Integer, Map<String, long[]>> stamps) {
    Map<Integer, String> heldNow = new HashMap<>();
    for (Node node : stampers) {
      long wall = node.clock.wallMillis();
      int id = node.lease.workerIdAt(wall);
      if (id < 0) {
        continue;
      }
      String other = heldNow.put(id, node.name);
      assertTrue(other == null, "worker id " + id + " held by " + other + " and " + node.name);
      long[] span =
          stamps
              .computeIfAbsent(id, k -> new HashMap<>())
              .computeIfAbsent(
                  node.name + "@" + node.lease.fencingToken(), k -> new long[] {wall, wall});
      span[0] = Math.min(span[0], wall);
      span[1] = Math.max(span[1], wall);
    }
  }
}
