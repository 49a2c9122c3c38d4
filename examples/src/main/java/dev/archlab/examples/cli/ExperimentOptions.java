package dev.archlab.examples.cli;

import dev.archlab.examples.lab.LabContext;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every experiment command shares (scale, seed, shared data folder, progress bars),
 * mixed into {@code lab}, {@code cache} and {@code autocomplete} so that they read alike.
 */
public final class ExperimentOptions {
  @Option(names = "--quick", description = "Small, fast runs (smoke test, not for numbers).")
  boolean quick;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for every random source.")
  long seed;

  @Option(names = "--data", paramLabel = "DIR", description = LabContext.DATA_OPTION_HELP)
  Path data;

  @Option(names = "--no-progress", description = "Hide progress bars.")
  boolean noProgress;

  /**
   * The context these options describe; a data folder that does not exist is reported as a usage
   * error of {@code commandLine} (exit code 2), naming the option.
   */
  public LabContext context(CommandLine commandLine) {
    try {
      return LabContext.create(
          quick ? LabContext.Scale.QUICK : LabContext.Scale.FULL,
          seed,
          data,
          noProgress ? null : System.err);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
    }
  }

  /** The command as the user typed it, quoted in reports so that a run can be repeated. */
  public static String invocation(CommandLine commandLine) {
    return "./archlab " + String.join(" ", commandLine.getParseResult().originalArgs());
  }
}
