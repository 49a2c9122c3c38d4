package dev.archlab.examples.cli;

import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.Experiments;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabReport;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code archlab lab}: runs every experiment and writes the report. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description =
        "Runs every experiment on the bundled data, prints a summary and writes a report.")
final class LabCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Report folder (default: lab-report/<date-time>).")
  Path out;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "ID",
      description = "Run only these experiments (ids: ${COMPLETION-CANDIDATES}).",
      completionCandidates = ExperimentIds.class)
  Set<String> only = Set.of();

  @Option(names = "--quick", description = "Small, fast runs (smoke test, not for numbers).")
  boolean quick;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for every random source.")
  long seed;

  @Option(names = "--no-progress", description = "Hide progress bars.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    List<Experiment> chosen = choose();
    Path dir =
        out != null
            ? out
            : Path.of(
                "lab-report",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    LabContext context =
        LabContext.create(
            quick ? LabContext.Scale.QUICK : LabContext.Scale.FULL,
            seed,
            noProgress ? null : System.err);

    List<Section> sections = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Experiment experiment : chosen) {
      stdout.printf("== %s%n", experiment.title());
      stdout.flush();
      Section section = new Section(experiment.id(), experiment.title(), dir);
      long start = System.nanoTime();
      try {
        experiment.run(context, section);
      } catch (Exception | AssertionError e) {
        failed.add(experiment.id());
        section.paragraph("This experiment failed: " + e);
        section.summary("FAILED", e.toString());
        e.printStackTrace(spec.commandLine().getErr());
      }
      section.summary("wall time (s)", String.format("%.1f", (System.nanoTime() - start) / 1e9));
      sections.add(section);
    }

    LabReport report = new LabReport("archlab lab report", preamble(context), sections);
    Path html = report.writeTo(dir);
    Table summary = report.summaryTable();
    stdout.println();
    stdout.print(summary.toText());
    stdout.printf("%nReport: %s%n        %s%n", html.toAbsolutePath(), dir.resolve("report.md"));
    if (!failed.isEmpty()) {
      stdout.printf("Failed experiments: %s%n", String.join(", ", failed));
      return 1;
    }
    return 0;
  }

  private List<Experiment> choose() {
    List<Experiment> all = Experiments.all();
    for (String id : only) {
      if (all.stream().noneMatch(e -> e.id().equals(id))) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--only: unknown experiment '"
                + id
                + "'; known: "
                + String.join(", ", new ExperimentIds()));
      }
    }
    return all.stream().filter(e -> only.isEmpty() || only.contains(e.id())).toList();
  }

  private List<String> preamble(LabContext context) {
    Runtime runtime = Runtime.getRuntime();
    return List.of(
        "Generated "
            + LocalDateTime.now().withNano(0)
            + " by `./archlab lab"
            + (quick ? " --quick" : "")
            + " --seed "
            + seed
            + "`.",
        "Machine: "
            + runtime.availableProcessors()
            + " cores, max heap "
            + runtime.maxMemory() / (1024 * 1024)
            + " MiB, Java "
            + Runtime.version()
            + ", "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ".",
        "Shared data folder: "
            + context.sharedData().map(Path::toString).orElse("absent (bundled data only)")
            + ".");
  }

  /** Experiment ids, for help text and completion. */
  static final class ExperimentIds extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ExperimentIds() {
      Experiments.all().forEach(e -> add(e.id()));
    }
  }
}
