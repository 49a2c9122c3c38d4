package dev.archlab.examples.id;

import dev.archlab.examples.cli.ExperimentOptions;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code archlab id}: the id-generation experiment alone, with options; {@code id serve}. */
@Command(
    name = "id",
    mixinStandardHelpOptions = true,
    description =
        "Runs the id experiment: simulated nodes with skewed clocks draw ids from Snowflake,"
            + " ticket servers, segments and UUIDv7, then meet a clock rollback and a ticket-server"
            + " failover.",
    subcommands = IdCommand.Serve.class)
public final class IdCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--nodes", description = "Simulated nodes (default: 4, or 3 with --quick).")
  Integer nodes;

  @Option(names = "--ids-per-node", description = "Ids per node from in-process strategies.")
  Integer idsPerNode;

  @Option(names = "--ticket-ids-per-node", description = "Ids per node from single tickets.")
  Integer ticketIdsPerNode;

  @Option(names = "--skew-ms", description = "Node i's clock runs i x this many ms ahead.")
  Long skewMillis;

  @Option(names = "--rollback-ms", description = "The large clock rollback, in ms (11..10000).")
  Long rollbackMillis;

  @Option(names = "--quick", description = "Small, fast run (smoke test, not for numbers).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder.")
  Path out;

  @Option(names = "--no-progress", description = "Hide progress bars.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    LabContext.Scale scale = quick ? LabContext.Scale.QUICK : LabContext.Scale.FULL;
    IdExperiment.Options defaults = IdExperiment.Options.forScale(scale);
    IdExperiment.Options options;
    try {
      options =
          new IdExperiment.Options(
              nodes != null ? nodes : defaults.nodes(),
              idsPerNode != null ? idsPerNode : defaults.idsPerNode(),
              ticketIdsPerNode != null ? ticketIdsPerNode : defaults.ticketIdsPerNode(),
              skewMillis != null ? skewMillis : defaults.skewMillis(),
              defaults.smallRollbackMillis(),
              rollbackMillis != null ? rollbackMillis : defaults.largeRollbackMillis());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), inOptionNames(e.getMessage()));
    }
    String invocation = ExperimentOptions.invocation(spec.commandLine());
    return LabRunner.echoingSections(spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(
            List.of(new IdExperiment(options)),
            LabContext.create(scale, 42, noProgress ? null : System.err),
            out != null ? out : LabRunner.defaultReportDir(),
            invocation);
  }

  /** Rewrites a field name leading an options message as the option the user typed. */
  private static String inOptionNames(String message) {
    Map<String, String> options =
        Map.of(
            "nodes", "--nodes",
            "idsPerNode", "--ids-per-node",
            "ticketIdsPerNode", "--ticket-ids-per-node",
            "skewMillis", "--skew-ms",
            "largeRollbackMillis", "--rollback-ms");
    int space = message.indexOf(' ');
    String field = space < 0 ? message : message.substring(0, space);
    return options.containsKey(field)
        ? options.get(field) + message.substring(field.length())
        : message;
  }

  /** {@code archlab id serve}: the HTTP id service. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Serves GET /generate?strategy=snowflake|ticket|segment|uuid7&count=n.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free one).")
    int port;

    @Option(names = "--worker-id", defaultValue = "1", description = "Snowflake worker id.")
    int workerId;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (port < 0 || port > 65_535) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--port must be between 0 and 65535, was " + port);
      }
      if (workerId < 0 || workerId > 1023) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--worker-id must be between 0 and 1023, was " + workerId);
      }
      try (IdService service = IdService.start(host, port, workerId)) {
        spec.commandLine()
            .getOut()
            .printf(
                "id service on http://%s:%d/generate?strategy=snowflake&count=5 (Ctrl-C stops)%n",
                host, service.port());
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }
}
