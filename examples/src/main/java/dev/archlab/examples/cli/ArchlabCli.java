package dev.archlab.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code archlab} command line: {@code archlab lab} and one command per module. */
@Command(
    name = "archlab",
    mixinStandardHelpOptions = true,
    version = "archlab 0.1.0-SNAPSHOT",
    description = "Infrastructure design patterns, implemented for real and measured.",
    subcommands = {
      LabCommand.class,
      dev.archlab.examples.id.IdCommand.class,
      dev.archlab.examples.cache.CacheCommand.class,
      dev.archlab.examples.autocomplete.AutocompleteCommand.class,
      dev.archlab.examples.trading.TradeCommand.class
    })
public final class ArchlabCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new ArchlabCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(ArchlabCli::reportFailure);
  }

  /**
   * Prints a failed command's cause as one line (what failed and why) instead of a stack trace; set
   * {@code ARCHLAB_DEBUG=1} for the trace.
   */
  private static int reportFailure(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    var err = commandLine.getErr();
    err.println(
        "archlab "
            + commandLine.getCommandName()
            + ": "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage());
    if (System.getenv("ARCHLAB_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set ARCHLAB_DEBUG=1 for the stack trace)");
    }
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
