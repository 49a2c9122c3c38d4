package dev.archlab.examples.cache;

import dev.archlab.cache.BackingStore;
import dev.archlab.cache.CacheStats;
import dev.archlab.cache.CacheStrategy;
import dev.archlab.cache.CacheTier;
import dev.archlab.cache.Caches;
import dev.archlab.cache.Codec;
import dev.archlab.cache.Tiers;
import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;

/**
 * {@code archlab lab --only cache}: every strategy replays a Zipf workload and, when the shared
 * data folder is present, a real web trace, against a slow source of truth; an LRU replay checks
 * the trace reading against published figures; a two-level cache lives through a Redis outage.
 */
public final class CacheExperiment implements Experiment {

  /** Published LRU hit ratios of lirs_gli (BitFaster.Caching PR #131), 250..2000 entries. */
  static final double[] GLI_PUBLISHED = {0.91, 0.95, 1.15, 11.21, 21.25, 36.56, 45.04, 57.41};

  /**
   * Options of a run.
   *
   * @param requests requests per workload; {@code null} for the scale's default (60,000, quick
   *     4,000)
   * @param sourceLatencyMicros cost of one source read or write, 0 for none; {@code null} for the
   *     scale's default (2,000 us, quick 500 us)
   * @param threads concurrent callers
   * @param writeFraction share of requests that write
   * @param trace an absolute trace file, or a file name under the shared data's cache_traces
   * @param outage whether to run the Redis-outage part (needs a redis-server binary)
   */
  public record Options(
      Integer requests,
      Long sourceLatencyMicros,
      int threads,
      double writeFraction,
      String trace,
      boolean outage) {

    /** The lab's defaults. */
    public static Options defaults() {
      return new Options(null, null, 32, 0.02, "cache2k_web07.trace.gz", true);
    }
  }

  private final Options options;

  public CacheExperiment() {
    this(Options.defaults());
  }

  public CacheExperiment(Options options) {
    this.options = options;
  }

  @Override
  public String id() {
    return "cache";
  }

  @Override
  public String title() {
    return "Caching strategies in front of a slow source of truth";
  }

  private record Named(
      String name, Function<Caches.Builder<Long, String>, CacheStrategy<Long, String>> build) {}

  private static List<Named> strategies(long ttlMillis) {
    return List.of(
        new Named("cache-aside", Caches.Builder::cacheAside),
        new Named("read-through", Caches.Builder::readThrough),
        new Named(
            "read-through+xfetch+swr",
            b ->
                b.xfetch(1.0).staleWhileRevalidate(Duration.ofMillis(ttlMillis / 2)).readThrough()),
        new Named("write-through", Caches.Builder::writeThrough),
        new Named("write-behind", Caches.Builder::writeBehind),
        new Named("refresh-ahead", b -> b.refreshAhead(0.8)));
  }

  @Override
  public void run(LabContext context, Section section) throws Exception {
    boolean full = context.full();
    int requests = options.requests() != null ? options.requests() : full ? 60_000 : 4_000;
    long latency =
        options.sourceLatencyMicros() != null ? options.sourceLatencyMicros() : full ? 2_000 : 500;
    long ttlMillis = full ? 2_000 : 500;
    section.paragraph(
        String.format(
            Locale.ROOT,
            "Each strategy serves %,d requests per workload from %d concurrent callers; %.0f%% of"
                + " requests write a new version of their key. The source of truth costs %d us"
                + " per read or write. TTL %d ms with 10%% jitter; local tier: Caffeine. A stale"
                + " read is a read that began after a write of its key was acknowledged and still"
                + " returned an older version. Measured on a 2-core machine shared with other"
                + " builds; rerun the command for your own numbers.",
            requests,
            options.threads(),
            options.writeFraction() * 100,
            latency,
            ttlMillis));

    lruCheck(context, section);

    List<AccessTrace> workloads = new ArrayList<>();
    workloads.add(AccessTrace.zipf(requests, 20_000, 0.9, context.seed()));
    Optional<Path> tracePath =
        Path.of(options.trace()).isAbsolute()
            ? Optional.of(Path.of(options.trace()))
            : context.sharedData().map(d -> d.resolve("cache_traces").resolve(options.trace()));
    if (tracePath.isPresent() && Files.isRegularFile(tracePath.get())) {
      workloads.add(AccessTrace.read(tracePath.get(), requests));
    } else {
      section.paragraph(
          "The shared trace "
              + tracePath.map(Path::toString).orElse(options.trace() + " (no shared data folder)")
              + " is absent; only the Zipf workload runs.");
    }

    WorkloadRunner runner =
        new WorkloadRunner(options.threads(), options.writeFraction(), context.seed());
    Map<String, WorkloadRunner.Result> first = new LinkedHashMap<>();
    for (AccessTrace workload : workloads) {
      int capacity = Math.max(100, workload.distinct() / 10);
      List<WorkloadRunner.Result> results = new ArrayList<>();
      try (ProgressBar bar =
          context.progress("cache " + workload.name(), (long) workload.size() * 6)) {
        for (Named strategy : strategies(ttlMillis)) {
          SlowStore store = new SlowStore(latency);
          Caches.Builder<Long, String> builder =
              Caches.builder((BackingStore<Long, String>) store)
                  .tier(Tiers.caffeine(capacity))
                  .ttl(Duration.ofMillis(ttlMillis))
                  .ttlJitter(0.1);
          try (CacheStrategy<Long, String> cache = strategy.build().apply(builder)) {
            results.add(
                runner.run(strategy.name(), workload, 0, workload.size(), cache, store, bar::step));
          }
        }
      }
      section.table(
          workload.name()
              + ": "
              + workload.size()
              + " requests, "
              + workload.distinct()
              + " distinct keys, cache of "
              + capacity
              + " entries",
          resultTable("strategy", results));
      if (first.isEmpty()) {
        results.forEach(r -> first.put(r.strategy(), r));
        Map<String, Long> loads = new LinkedHashMap<>();
        Map<String, Double> hitRatios = new LinkedHashMap<>();
        results.forEach(r -> loads.put(r.strategy(), r.sourceLoads()));
        results.forEach(r -> hitRatios.put(r.strategy(), 100 * r.hitRatio()));
        section.barChart(
            "source-loads", "Source reads per strategy (" + workload.name() + ")", "reads", loads);
        section.barChart(
            "hit-ratio", "Hit ratio per strategy (" + workload.name() + ")", "hit %", hitRatios);
      }
    }
    first.forEach(
        (name, r) ->
            section.summary(
                name + " on zipf: hit % / source reads / p99 us / stale reads",
                String.format(
                    Locale.ROOT,
                    "%.1f / %d / %d / %d",
                    100 * r.hitRatio(),
                    r.sourceLoads(),
                    r.p99Micros(),
                    r.staleReads())));

    writeDurability(section, full ? 4_000 : 400);

    if (options.outage()) {
      outage(context, section, runner, Math.max(1_500, requests / 4), latency, ttlMillis);
    }
  }

  /**
   * What durability costs a writer: the same writes through write-through and write-behind over a
   * file-backed H2 table, write-behind once with a volatile and once with a durable queue.
   */
  private static void writeDurability(Section section, int writes) throws Exception {
    Path dir = Files.createTempDirectory("archlab-lab-h2");
    Table table =
        Table.withHeaders(
            "strategy", "writes", "p50 us", "p99 us", "writes/s", "rows in store after close");
    try {
      for (String variant :
          List.of("write-through", "write-behind volatile", "write-behind durable")) {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve(variant.replace(' ', '-')) + ";DB_CLOSE_DELAY=-1");
        BackingStore<Long, String> store =
            dev.archlab.cache.BackingStores.jdbc(h2, "titles", Codec.longs(), Codec.strings());
        Caches.Builder<Long, String> builder =
            Caches.builder(store).tier(Tiers.caffeine(10_000)).ttl(Duration.ofMinutes(5));
        CacheStrategy<Long, String> cache =
            switch (variant) {
              case "write-through" -> builder.writeThrough();
              case "write-behind volatile" -> builder.writeBehind();
              default ->
                  builder
                      .writeBehindQueue(dev.archlab.cache.BackingStores.durableQueue(store))
                      .writeBehind();
            };
        org.HdrHistogram.Histogram micros = new org.HdrHistogram.Histogram(3);
        long start = System.nanoTime();
        for (int i = 0; i < writes; i++) {
          long began = System.nanoTime();
          cache.put((long) (i % 500), "title " + i);
          micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cache.close();
        long present = 0;
        for (long key = 0; key < 500; key++) {
          present += store.load(key).isPresent() ? 1 : 0;
        }
        table.row(
            variant,
            writes,
            micros.getValueAtPercentile(50),
            micros.getValueAtPercentile(99),
            String.format(Locale.ROOT, "%.0f", writes / seconds),
            present);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    section.table(
        "What durability costs a writer: one thread, file-backed H2, writes cycling over 500 keys."
            + " A durable write-behind queue makes each write one committed insert; the volatile"
            + " queue loses whatever is unflushed if the process dies",
        table);
  }

  static Table resultTable(String firstColumn, List<WorkloadRunner.Result> results) {
    Table table =
        Table.withHeaders(
            firstColumn,
            "hit %",
            "source reads",
            "reads/request",
            "p50 us",
            "p99 us",
            "stale reads",
            "writes",
            "errors",
            "seconds");
    for (WorkloadRunner.Result r : results) {
      table.row(
          r.strategy(),
          String.format(Locale.ROOT, "%.1f", 100 * r.hitRatio()),
          r.sourceLoads(),
          String.format(Locale.ROOT, "%.3f", (double) r.sourceLoads() / r.requests()),
          r.p50Micros(),
          r.p99Micros(),
          r.staleReads(),
          r.writes(),
          r.errors(),
          String.format(Locale.ROOT, "%.1f", r.seconds()));
    }
    return table;
  }

  /** Replays lirs_gli with a plain LRU and compares with the published hit ratios. */
  private static void lruCheck(LabContext context, Section section) throws IOException {
    Optional<Path> gli =
        context.sharedData().map(d -> d.resolve("cache_traces").resolve("lirs_gli.trace.gz"));
    if (gli.isEmpty() || !Files.isRegularFile(gli.get())) {
      section.paragraph(
          "LRU regression check skipped: "
              + gli.map(Path::toString).orElse("no shared data folder, so lirs_gli.trace.gz")
              + " is absent.");
      return;
    }
    AccessTrace trace = AccessTrace.read(gli.get(), Integer.MAX_VALUE);
    Table table = Table.withHeaders("entries", "our LRU hit %", "published hit %", "match");
    int matches = 0;
    for (int i = 0; i < GLI_PUBLISHED.length; i++) {
      int capacity = 250 * (i + 1);
      double ours = LruSimulator.hitPercent(trace, capacity);
      boolean match = Math.abs(Math.round(ours * 100) / 100.0 - GLI_PUBLISHED[i]) < 0.005;
      matches += match ? 1 : 0;
      table.row(
          capacity,
          String.format(Locale.ROOT, "%.2f", ours),
          String.format(Locale.ROOT, "%.2f", GLI_PUBLISHED[i]),
          match ? "yes" : "NO");
    }
    section.table(
        "Trace replay check: plain LRU on lirs_gli ("
            + trace.size()
            + " requests) against the figures published in BitFaster.Caching PR #131",
        table);
    section.summary("LRU replay of lirs_gli vs published", matches + "/" + GLI_PUBLISHED.length);
  }

  /** A two-level cache over a redis-server of our own, which is stopped mid-run and restarted. */
  private static void outage(
      LabContext context,
      Section section,
      WorkloadRunner runner,
      int perPhase,
      long latency,
      long ttlMillis)
      throws Exception {
    Optional<Path> binary = redisServerBinary();
    if (binary.isEmpty()) {
      section.paragraph(
          "Redis outage run skipped: no redis-server binary (set ARCHLAB_REDIS_SERVER_BIN).");
      return;
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("archlab-lab-redis");
    Process redis = startRedis(binary.get(), port, dir);
    AccessTrace workload = AccessTrace.zipf(perPhase * 3, 20_000, 0.9, context.seed() + 1);
    SlowStore store = new SlowStore(latency);
    List<WorkloadRunner.Result> phases = new ArrayList<>();
    CacheTier<Long, String> tier =
        Tiers.redis(URI.create("redis://127.0.0.1:" + port), "lab", Codec.longs(), Codec.strings())
            .reconnectDelay(Duration.ofMillis(100))
            .localMaximumSize(2_000)
            .buildTwoLevel();
    CacheStats during;
    try (CacheStrategy<Long, String> cache =
        Caches.builder((BackingStore<Long, String>) store)
            .tier(tier)
            .ttl(Duration.ofMillis(ttlMillis * 5))
            .readThrough()) {
      phases.add(runner.run("Redis up", workload, 0, perPhase, cache, store, () -> {}));
      stop(redis);
      phases.add(
          runner.run("Redis stopped", workload, perPhase, 2 * perPhase, cache, store, () -> {}));
      during = cache.stats();
      redis = startRedis(binary.get(), port, dir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (cache.stats().part("two-level").orElseThrow().degraded()
          && System.nanoTime() < deadline) {
        cache.get(0L);
        Thread.sleep(20);
      }
      phases.add(
          runner.run(
              "Redis restarted", workload, 2 * perPhase, 3 * perPhase, cache, store, () -> {}));
      CacheStats after = cache.stats();
      section.table(
          "Read-through over a two-level tier (Caffeine + Redis) while Redis is stopped and"
              + " restarted; "
              + perPhase
              + " requests per phase",
          resultTable("phase", phases));
      CacheStats redisStats = after.part("redis").orElseThrow();
      section.paragraph(
          String.format(
              Locale.ROOT,
              "Redis was counted degraded for %,d ms (degraded while stopped: %s). Errors seen by"
                  + " callers during the outage: %d. Two-level tier after the run: %,d hits,"
                  + " %,d misses, %,d loads, %,d stale serves.",
              redisStats.degradedMillis(),
              during.part("two-level").orElseThrow().degraded(),
              phases.get(1).errors(),
              after.part("two-level").orElseThrow().hits(),
              after.part("two-level").orElseThrow().misses(),
              after.part("two-level").orElseThrow().loads(),
              after.part("two-level").orElseThrow().staleServes()));
      section.summary(
          "Redis outage: caller errors / p99 us while stopped",
          phases.get(1).errors() + " / " + phases.get(1).p99Micros());
    } finally {
      stop(redis);
    }
  }

  private static Optional<Path> redisServerBinary() {
    String configured = System.getenv("ARCHLAB_REDIS_SERVER_BIN");
    for (String candidate :
        new String[] {configured, "/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
      if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    return Optional.empty();
  }

  private static Process startRedis(Path binary, int port, Path dir)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return process;
      } catch (IOException notYet) {
        // Still starting.
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IOException("redis-server did not start on port " + port + "; see " + dir);
  }

  private static void stop(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
