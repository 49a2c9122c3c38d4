package dev.archlab.examples.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs experiments, writes the report and prints the summary; shared by {@code archlab lab} and the
 * per-module commands so that every run leaves the same kind of report behind.
 */
public final class LabRunner {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean echoSections;

  /** A runner for {@code archlab lab}: sections go to the report, the terminal gets the summary. */
  public LabRunner(PrintWriter out, PrintWriter err) {
    this(out, err, false);
  }

  private LabRunner(PrintWriter out, PrintWriter err, boolean echoSections) {
    this.out = out;
    this.err = err;
    this.echoSections = echoSections;
  }

  /**
   * A runner for a module's own command: it also prints each section's paragraphs and tables to the
   * terminal, since one experiment's findings fit on a screen.
   */
  public static LabRunner echoingSections(PrintWriter out, PrintWriter err) {
    return new LabRunner(out, err, true);
  }

  /** The default report folder: {@code lab-report/<date-time>}. */
  public static Path defaultReportDir() {
    return Path.of(
        "lab-report", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /**
   * Runs each experiment in turn; a failing one is reported and the others still run.
   *
   * @param invocation the command line that reproduces this run, quoted in the report
   * @return 0 when every experiment succeeded, 1 otherwise
   */
  public int run(List<Experiment> experiments, LabContext context, Path dir, String invocation)
      throws java.io.IOException {
    // Fail on an unusable report folder before spending minutes on the experiments.
    java.nio.file.Files.createDirectories(dir);
    if (!java.nio.file.Files.isWritable(dir)) {
      throw new java.nio.file.AccessDeniedException(
          dir.toString(), null, "report folder is not writable");
    }
    List<Section> sections = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Experiment experiment : experiments) {
      out.printf("== %s%n", experiment.title());
      out.flush();
      Section section = new Section(experiment.id(), experiment.title(), dir);
      long start = System.nanoTime();
      try {
        experiment.run(context, section);
      } catch (Exception | AssertionError e) {
        failed.add(experiment.id());
        section.paragraph("This experiment failed: " + e);
        section.summary("FAILED", e.toString());
        e.printStackTrace(err);
      }
      section.summary("wall time (s)", String.format("%.1f", (System.nanoTime() - start) / 1e9));
      sections.add(section);
      if (echoSections) {
        echo(section, dir);
      }
    }

    LabReport report = new LabReport(title(experiments), preamble(context, invocation), sections);
    Path html = report.writeTo(dir);
    out.println();
    out.print(report.summaryTable().toText());
    out.printf(
        "%nReport: %s%n        %s%n",
        html.toAbsolutePath().normalize(), dir.resolve("report.md").toAbsolutePath().normalize());
    if (!failed.isEmpty()) {
      out.printf("Failed experiments: %s%n", String.join(", ", failed));
    }
    out.flush();
    return failed.isEmpty() ? 0 : 1;
  }

  /**
   * "archlab lab report" for the lab; a module's command runs its one experiment, whose id is also
   * the command's name ("archlab cache report").
   */
  private String title(List<Experiment> experiments) {
    String command = echoSections && experiments.size() == 1 ? experiments.getFirst().id() : "lab";
    return "archlab " + command + " report";
  }

  private void echo(Section section, Path dir) {
    for (Section.Block block : section.blocks()) {
      switch (block) {
        case Section.Paragraph p -> out.printf("%s%n%n", p.text());
        case Section.TableBlock t -> out.printf("%s%n%s%n", t.caption(), t.table().toText());
        case Section.Image i ->
            out.printf("chart: %s%n%n", dir.resolve(i.fileName()).toAbsolutePath().normalize());
      }
    }
    out.flush();
  }

  private static List<String> preamble(LabContext context, String invocation) {
    Runtime runtime = Runtime.getRuntime();
    return List.of(
        "Generated " + LocalDateTime.now().withNano(0) + " by `" + invocation + "`.",
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
}
