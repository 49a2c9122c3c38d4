package dev.archlab.examples.lab;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What an experiment may use: the scale to run at, a seed, the shared data folder when present, and
 * progress bars on standard error.
 *
 * @param scale {@link Scale#QUICK} for smoke runs (tests), {@link Scale#FULL} for the lab
 * @param seed the seed every random source of the run derives from
 * @param sharedData {@code ../shared/data} when it exists: larger data that is not bundled
 * @param progressStream where progress bars go; {@code null} hides them
 */
public record LabContext(
    Scale scale, long seed, Optional<Path> sharedData, PrintStream progressStream) {

  /** How long experiments run. */
  public enum Scale {
    QUICK,
    FULL
  }

  /** A context that looks for {@code ../shared/data} next to the working directory. */
  public static LabContext create(Scale scale, long seed, PrintStream progressStream) {
    Path shared = Path.of("..", "shared", "data").toAbsolutePath().normalize();
    return new LabContext(
        scale,
        seed,
        Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty(),
        progressStream);
  }

  /** True for a full lab run. */
  public boolean full() {
    return scale == Scale.FULL;
  }

  /** A progress bar for a task of {@code total} steps; close it when the task ends. */
  public ProgressBar progress(String task, long total) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .continuousUpdate();
    if (progressStream == null) {
      builder.setConsumer(
          new ConsoleProgressBarConsumer(new PrintStream(OutputStream.nullOutputStream())));
    } else if (System.console() == null) {
      // Not a terminal (a log file, CI): a plain line every 10 s instead of carriage returns.
      PrintStream stream = progressStream;
      builder
          .setUpdateIntervalMillis(10_000)
          .setConsumer(new DelegatingProgressBarConsumer(stream::println, 100));
    } else {
      builder.setConsumer(new ConsoleProgressBarConsumer(progressStream));
    }
    return builder.build();
  }
}
