package dev.archlab.examples.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
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
    CommandLine commandLine =
        new CommandLine(new ArchlabCli())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(ArchlabCli::reportFailure);
    showDefaultValues(commandLine);
    return commandLine;
  }

  private static void showDefaultValues(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().showDefaultValues(true);
    commandLine.getSubcommands().values().forEach(ArchlabCli::showDefaultValues);
  }

  /**
   * Prints a failed command's cause as one line (which command, what failed) instead of a stack
   * trace; set {@code ARCHLAB_DEBUG=1} for the trace.
   */
  private static int reportFailure(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(e));
    if (System.getenv("ARCHLAB_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set ARCHLAB_DEBUG=1 for the stack trace)");
    }
    err.flush();
    return 1;
  }

  /** A reader's description of common failures; the exception's own message otherwise. */
  static String describe(Throwable e) {
    return switch (e) {
      case NoSuchFileException f -> "no such file or folder: " + f.getFile();
      case AccessDeniedException f -> "permission denied: " + f.getFile();
      case FileAlreadyExistsException f -> "a file is in the way: " + f.getFile();
      case BindException b -> "cannot listen there: " + b.getMessage();
      default ->
          e.getMessage() == null || e.getMessage().isBlank()
              ? e.getClass().getSimpleName()
              : e.getMessage();
    };
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
