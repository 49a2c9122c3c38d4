package dev.archlab.examples.cli;

import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.Experiments;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabRunner;
import java.nio.file.Path;
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

  @CommandLine.Mixin ExperimentOptions options;

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

  @Override
  public Integer call() throws Exception {
    List<Experiment> chosen = choose();
    LabContext context = options.context(spec.commandLine());
    String invocation = ExperimentOptions.invocation(spec.commandLine());
    return new LabRunner(spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(chosen, context, out != null ? out : LabRunner.defaultReportDir(), invocation);
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

  /** Experiment ids, for help text and completion. */
  static final class ExperimentIds extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ExperimentIds() {
      Experiments.all().forEach(e -> add(e.id()));
    }
  }
}
