package dev.archlab.examples.cache;

import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code archlab cache}: the caching experiment alone, with options. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description =
        "Replays a Zipf workload and a real trace (when ../shared/data is present) against a slow"
            + " source of truth with each caching strategy, then a Redis outage.")
public final class CacheCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "Small, fast run (smoke test, not for numbers).")
  boolean quick;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for every random source.")
  long seed;

  @Option(names = "--requests", defaultValue = "0", description = "Requests per workload.")
  int requests;

  @Option(
      names = "--latency-us",
      defaultValue = "0",
      description = "Source of truth cost per read or write, in microseconds.")
  long latencyMicros;

  @Option(names = "--threads", defaultValue = "32", description = "Concurrent callers.")
  int threads;

  @Option(
      names = "--write-fraction",
      defaultValue = "0.02",
      description = "Share of requests that write.")
  double writeFraction;

  @Option(
      names = "--trace",
      defaultValue = "cache2k_web07.trace.gz",
      description = "Trace file under ../shared/data/cache_traces (one integer key per line).")
  String trace;

  @Option(names = "--no-outage", description = "Skip the Redis outage run.")
  boolean noOutage;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (threads <= 0
        || requests < 0
        || latencyMicros < 0
        || !(writeFraction >= 0)
        || writeFraction >= 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "need --threads > 0, --requests >= 0, --latency-us >= 0 and 0 <= --write-fraction < 1");
    }
    CacheExperiment experiment =
        new CacheExperiment(
            new CacheExperiment.Options(
                requests, latencyMicros, threads, writeFraction, trace, !noOutage));
    LabContext context =
        LabContext.create(quick ? LabContext.Scale.QUICK : LabContext.Scale.FULL, seed, System.err);
    return LabRunner.echoingSections(spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(
            List.of(experiment),
            context,
            out != null ? out : LabRunner.defaultReportDir(),
            "./archlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
  }
}
