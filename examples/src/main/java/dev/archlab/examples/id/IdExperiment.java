package dev.archlab.examples.id;

import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import dev.archlab.id.ClockMovedBackwardsException;
import dev.archlab.id.IdGenerator;
import dev.archlab.id.IdGenerators;
import dev.archlab.id.SnowflakeLayout;
import dev.archlab.id.TicketIdGenerator;
import dev.archlab.id.TicketServers;
import dev.archlab.id.UuidGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;

/**
 * The id-generation experiment: several simulated nodes with skewed clocks draw ids from each
 * strategy at once; then each strategy meets its typical fault (a clock rollback for Snowflake, a
 * ticket server going down for tickets and segments). Every id of both phases is kept and checked
 * for duplicates.
 */
public final class IdExperiment implements Experiment {

  /**
   * How big the experiment runs.
   *
   * @param nodes simulated nodes (one thread each)
   * @param idsPerNode ids each node draws from the in-process strategies
   * @param ticketIdsPerNode ids each node draws from the single-ticket strategy (a round trip each)
   * @param skewMillis node {@code i}'s clock runs {@code i * skewMillis} ahead
   * @param smallRollbackMillis a regression the Snowflake generator should wait out
   * @param largeRollbackMillis a regression it must refuse
   */
  public record Options(
      int nodes,
      int idsPerNode,
      int ticketIdsPerNode,
      long skewMillis,
      long smallRollbackMillis,
      long largeRollbackMillis) {

    public Options {
      require(nodes >= 1 && nodes <= 64, "nodes must be between 1 and 64, was " + nodes);
      require(
          idsPerNode >= 10 && idsPerNode <= 5_000_000,
          "idsPerNode must be between 10 and 5000000, was " + idsPerNode);
      require(
          ticketIdsPerNode >= 10 && ticketIdsPerNode <= 1_000_000,
          "ticketIdsPerNode must be between 10 and 1000000, was " + ticketIdsPerNode);
      require(
          skewMillis >= 0 && skewMillis <= 60_000,
          "skewMillis must be between 0 and 60000, was " + skewMillis);
      require(
          smallRollbackMillis >= 0 && smallRollbackMillis <= 10,
          "smallRollbackMillis must be between 0 and 10 (the default wait bound), was "
              + smallRollbackMillis);
      require(
          largeRollbackMillis > 10 && largeRollbackMillis <= 10_000,
          "largeRollbackMillis must be between 11 and 10000, was " + largeRollbackMillis);
    }

    /** Defaults for a lab scale. */
    public static Options forScale(LabContext.Scale scale) {
      return scale == LabContext.Scale.FULL
          ? new Options(4, 500_000, 25_000, 5, 5, 1_000)
          : new Options(3, 20_000, 2_000, 5, 5, 200);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  private final Optional<Options> options;

  /** Uses the defaults of the lab's scale. */
  public IdExperiment() {
    this.options = Optional.empty();
  }

  public IdExperiment(Options options) {
    this.options = Optional.of(options);
  }

  @Override
  public String id() {
    return "id";
  }

  @Override
  public String title() {
    return "Distributed id generation";
  }

  @Override
  public void run(LabContext context, Section section) throws Exception {
    Options opts = options.orElseGet(() -> Options.forScale(context.scale()));
    section.paragraph(
        opts.nodes()
            + " simulated nodes (one thread each; node i's clock runs i x "
            + opts.skewMillis()
            + " ms ahead) draw "
            + opts.idsPerNode()
            + " ids each from Snowflake (Twitter layout), segments and UUIDv7, and "
            + opts.ticketIdsPerNode()
            + " each from single tickets (one database round trip per id). Ticket servers are two"
            + " embedded H2 databases with interleaved offsets (odd and even). Then every"
            + " strategy meets its fault while the nodes keep drawing: Snowflake node 0's clock"
            + " moves back "
            + opts.smallRollbackMillis()
            + " ms and later "
            + opts.largeRollbackMillis()
            + " ms; ticket server 1 goes down mid-run. Out-of-order cross-node handovers: walking"
            + " all ids in real issue order, the share of steps from one node's id to another"
            + " node's id where the id went down.");

    List<StrategyRun> runs = new ArrayList<>();
    try (ProgressBar bar = context.progress("id strategies", 4);
        TicketDatabases databases = TicketDatabases.open()) {
      runs.add(snowflake(opts));
      bar.step();
      runs.add(tickets("ticket", databases, opts, false));
      bar.step();
      runs.add(tickets("segment", databases, opts, true));
      bar.step();
      runs.add(uuidV7(opts));
      bar.step();
    }

    Table steady =
        Table.withHeaders(
            "strategy",
            "ids",
            "throughput (ids/s)",
            "duplicates",
            "out-of-order cross-node handovers",
            "missing ids in [min, max]",
            "DB round trips per M ids");
    Table faults = Table.withHeaders("strategy", "fault", "what happened", "duplicates (all ids)");
    Map<String, Number> throughput = new LinkedHashMap<>();
    for (StrategyRun run : runs) {
      steady.row(
          run.name(),
          String.format("%,d", run.steady().ids()),
          String.format("%,.0f", run.steady().idsPerSecond()),
          run.steady().duplicates(),
          String.format("%.4f", run.steady().outOfOrderShare()),
          run.steady().missing(),
          String.format("%,.0f", run.roundTripsPerMillion()));
      faults.row(
          run.name(),
          run.fault(),
          run.faultOutcome(),
          String.format("%,d", run.duplicatesOverall()));
      throughput.put(run.name(), run.steady().idsPerSecond() / 1e6);
      section.summary(run.name() + " ids/s", String.format("%,.0f", run.steady().idsPerSecond()));
      section.summary(run.name() + " duplicates", run.duplicatesOverall());
    }
    section.table("Steady state, " + opts.nodes() + " nodes at once", steady);
    section.table("Faults", faults);
    section.barChart(
        "throughput",
        "Id throughput with " + opts.nodes() + " concurrent nodes (higher is better)",
        "M ids/s",
        throughput);
  }

  // ---- Snowflake ---------------------------------------------------------------------------

  private static StrategyRun snowflake(Options opts) throws InterruptedException {
    SnowflakeLayout layout = SnowflakeLayout.twitter();
    List<ShiftableClock> clocks = new ArrayList<>();
    List<IdGenerator> generators = new ArrayList<>();
    for (int node = 0; node < opts.nodes(); node++) {
      ShiftableClock clock = new ShiftableClock(node * opts.skewMillis());
      clocks.add(clock);
      generators.add(IdGenerators.snowflake(layout).workerId(node + 1).timeSource(clock).build());
    }
    NodeRecords steady = NodeRecords.draw(generators, opts.idsPerNode(), (node, i) -> {});

    // Fault phase: node 0's clock steps back twice while every node keeps drawing.
    ShiftableClock clock0 = clocks.get(0);
    long quarter = opts.idsPerNode() / 4;
    AtomicLong smallWaitNanos = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong refusedNanos = new AtomicLong();
    long[] reportedBehindMillis = {-1};
    NodeRecords faulty =
        NodeRecords.draw(
            generators,
            opts.idsPerNode(),
            (node, i) -> {
              if (node != 0) {
                return;
              }
              if (i == quarter) {
                clock0.shift(-opts.smallRollbackMillis());
              } else if (i == 2 * quarter) {
                clock0.shift(-opts.largeRollbackMillis());
              }
            },
            (node, i, generator) -> {
              long start = System.nanoTime();
              while (true) {
                try {
                  long id = generator.nextId();
                  if (node == 0 && i == quarter) {
                    smallWaitNanos.set(System.nanoTime() - start);
                  }
                  return id;
                } catch (ClockMovedBackwardsException e) {
                  refused.incrementAndGet();
                  if (reportedBehindMillis[0] < 0) {
                    reportedBehindMillis[0] = e.behindBy().toMillis();
                  }
                  sleepQuietly(20);
                  refusedNanos.set(System.nanoTime() - start);
                }
              }
            });

    // On a busy machine the clock may already have passed the last stamp when the call comes.
    double waitedMillis = smallWaitNanos.get() / 1e6;
    String small =
        waitedMillis < 0.1
            ? String.format(
                "-%d ms: the clock had already passed the last stamp again; issued without"
                    + " waiting.",
                opts.smallRollbackMillis())
            : String.format(
                "-%d ms: waited %.1f ms, then issued.", opts.smallRollbackMillis(), waitedMillis);
    String outcome =
        small
            + String.format(
                " -%d ms: refused %,d %s for %.0f ms (the exception said the clock was %d ms"
                    + " behind), then resumed by itself.",
                opts.largeRollbackMillis(),
                refused.get(),
                refused.get() == 1 ? "call" : "calls",
                refusedNanos.get() / 1e6,
                reportedBehindMillis[0]);
    return new StrategyRun(
        "snowflake",
        steady.summary(false),
        0,
        "clock of node 0 moved back",
        outcome,
        NodeRecords.duplicates(steady, faulty));
  }

  // ---- Tickets and segments ----------------------------------------------------------------

  private static StrategyRun tickets(
      String name, TicketDatabases databases, Options opts, boolean segments) throws Exception {
    int perNode = segments ? opts.idsPerNode() : opts.ticketIdsPerNode();
    List<TicketIdGenerator> generators = new ArrayList<>();
    try {
      for (int node = 0; node < opts.nodes(); node++) {
        TicketServers.Builder builder =
            TicketServers.builder("lab_" + name)
                .server(databases.first())
                .server(databases.second())
                .reprobeInterval(java.time.Duration.ofMillis(200));
        generators.add(segments ? builder.segments() : builder.tickets());
      }
      List<IdGenerator> plain = List.copyOf(generators);
      long tripsBefore = roundTrips(generators);
      NodeRecords steady = NodeRecords.draw(plain, perNode, (node, i) -> {});
      long tripsSteady = roundTrips(generators) - tripsBefore;
      double perMillion = tripsSteady * 1e6 / ((double) perNode * opts.nodes());

      // Fault phase: server 1 goes down halfway through node 0's draws and stays down.
      long failoversBefore = failovers(generators);
      NodeRecords faulty =
          NodeRecords.draw(
              plain,
              perNode,
              (node, i) -> {
                if (node == 0 && i == perNode / 2) {
                  databases.first().down(true);
                }
              });
      databases.first().down(false);
      String outcome =
          String.format(
              "server 1 went down halfway through node 0's draws; %,d %s failed over to"
                  + " server 2; all %,d ids of the phase were issued.",
              failovers(generators) - failoversBefore,
              failovers(generators) - failoversBefore == 1 ? "call" : "calls",
              faulty.total());
      return new StrategyRun(
          name,
          steady.summary(true),
          perMillion,
          "ticket server 1 down mid-run",
          outcome,
          NodeRecords.duplicates(steady, faulty));
    } finally {
      generators.forEach(TicketIdGenerator::close);
    }
  }

  private static long roundTrips(List<TicketIdGenerator> generators) {
    return generators.stream().mapToLong(g -> g.stats().roundTrips()).sum();
  }

  private static long failovers(List<TicketIdGenerator> generators) {
    return generators.stream().mapToLong(g -> g.stats().failovers()).sum();
  }

  // ---- UUIDv7 ------------------------------------------------------------------------------

  private static StrategyRun uuidV7(Options opts) throws InterruptedException {
    List<UuidGenerator> generators = new ArrayList<>();
    for (int node = 0; node < opts.nodes(); node++) {
      generators.add(IdGenerators.uuidV7());
    }
    UuidRecords records = UuidRecords.draw(generators, opts.idsPerNode());
    return new StrategyRun(
        "uuidv7",
        records.summary(),
        0,
        "clock rollback",
        "not injected: the UUIDv7 library reads the system clock itself; uniqueness rests on"
            + " its random bits, ordering across a rollback is not promised",
        records.duplicates());
  }

  // ---- shared ------------------------------------------------------------------------------

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the clock", e);
    }
  }

  /** What one strategy did in both phases. */
  record StrategyRun(
      String name,
      SteadySummary steady,
      double roundTripsPerMillion,
      String fault,
      String faultOutcome,
      long duplicatesOverall) {}

  /** Steady-phase figures of one strategy. */
  record SteadySummary(
      long ids, double idsPerSecond, long duplicates, double outOfOrderShare, String missing) {}

  /** Two in-memory H2 ticket servers; the first can be switched off. */
  private record TicketDatabases(
      SwitchableDataSource first, SwitchableDataSource second, List<AutoCloseable> pools)
      implements AutoCloseable {

    static TicketDatabases open() {
      var one = TicketServers.h2InMemory("archlab_lab_ticket_1");
      var two = TicketServers.h2InMemory("archlab_lab_ticket_2");
      return new TicketDatabases(
          new SwitchableDataSource(one), new SwitchableDataSource(two), List.of(one, two));
    }

    @Override
    public void close() throws Exception {
      for (AutoCloseable pool : pools) {
        pool.close();
      }
    }
  }

  /** Generates UUIDs on every node at once and summarises them. */
  private record UuidRecords(List<UUID[]> ids, List<long[]> times, long elapsedNanos) {

    static UuidRecords draw(List<UuidGenerator> generators, int perNode)
        throws InterruptedException {
      List<UUID[]> ids = new ArrayList<>();
      List<long[]> times = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (UuidGenerator generator : generators) {
        UUID[] nodeIds = new UUID[perNode];
        long[] nodeTimes = new long[perNode];
        ids.add(nodeIds);
        times.add(nodeTimes);
        threads.add(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      for (int i = 0; i < perNode; i++) {
                        nodeIds[i] = generator.next();
                        nodeTimes[i] = System.nanoTime();
                      }
                    }));
      }
      long start = System.nanoTime();
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      return new UuidRecords(ids, times, System.nanoTime() - start);
    }

    long duplicates() {
      List<UUID> all = new ArrayList<>();
      ids.forEach(nodeIds -> all.addAll(List.of(nodeIds)));
      all.sort(UuidRecords::compareUnsigned);
      long duplicates = 0;
      for (int i = 1; i < all.size(); i++) {
        duplicates += all.get(i).equals(all.get(i - 1)) ? 1 : 0;
      }
      return duplicates;
    }

    SteadySummary summary() {
      long total = (long) ids.size() * ids.get(0).length;
      double outOfOrder =
          NodeRecords.crossNodeOutOfOrderShare(
              times,
              (nodeA, indexA, nodeB, indexB) ->
                  compareUnsigned(ids.get(nodeA)[indexA], ids.get(nodeB)[indexB]) < 0);
      return new SteadySummary(
          total, total / (elapsedNanos / 1e9), duplicates(), outOfOrder, "n/a (time + random)");
    }

    static int compareUnsigned(UUID a, UUID b) {
      int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
      return high != 0
          ? high
          : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
  }
}
