package dev.archlab.examples.cache;

import dev.archlab.examples.cli.ExperimentOptions;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabRunner;
import java.nio.file.Files;
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
        "Replays a Zipf workload and a real trace (from the shared data folder, see --data)"
            + " against a slow source of truth with each caching strategy, then a Redis outage.")
public final class CacheCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ExperimentOptions options;

  // No defaultValue: absent means the scale's default, so that every given value is used as is.
  @Option(
      names = "--requests",
      paramLabel = "N",
      description = "Requests per workload (default: 60000, or 4000 with --quick).")
  Integer requests;

  @Option(
      names = "--latency-us",
      paramLabel = "MICROS",
      description =
          "Source of truth cost per read or write, in microseconds; 0 for none (default: 2000,"
              + " or 500 with --quick).")
  Long latencyMicros;

  @Option(names = "--threads", defaultValue = "32", description = "Concurrent callers.")
  int threads;

  @Option(
      names = "--write-fraction",
      defaultValue = "0.02",
      description = "Share of requests that write.")
  double writeFraction;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Gzip trace, one integer key per line: a file, or a name under <data>/cache_traces;"
              + " must exist when given (default: cache2k_web07.trace.gz when present).")
  String trace;

  @Option(names = "--no-outage", description = "Skip the Redis outage run.")
  boolean noOutage;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (threads <= 0
        || (requests != null && requests <= 0)
        || (latencyMicros != null && latencyMicros < 0)
        || !(writeFraction >= 0)
        || writeFraction >= 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "need --threads > 0, --requests > 0, --latency-us >= 0 and 0 <= --write-fraction < 1");
    }
    LabContext context = options.context(spec.commandLine());
    CacheExperiment.Options defaults = CacheExperiment.Options.defaults();
    CacheExperiment experiment =
        new CacheExperiment(
            new CacheExperiment.Options(
                requests,
                latencyMicros,
                threads,
                writeFraction,
                trace != null ? namedTrace(context) : defaults.trace(),
                !noOutage));
    return LabRunner.echoingSections(spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(
            List.of(experiment),
            context,
            out != null ? out : LabRunner.defaultReportDir(),
            ExperimentOptions.invocation(spec.commandLine()));
  }

  /** The trace the user named, as an absolute path; a missing one is an error, not a fallback. */
  private String namedTrace(LabContext context) {
    Path file = Path.of(trace).toAbsolutePath().normalize();
    if (Files.isRegularFile(file)) {
      return file.toString();
    }
    Path underData =
        context.sharedData().map(d -> d.resolve("cache_traces").resolve(trace)).orElse(null);
    if (underData != null && Files.isRegularFile(underData)) {
      return underData.toString();
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--trace: no such file: "
            + file
            + (underData != null
                ? " nor " + underData
                : " (and no shared data folder to look in: see --data)"));
  }
}
