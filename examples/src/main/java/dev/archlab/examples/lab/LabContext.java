package dev.archlab.examples.lab;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
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
 * @param sharedData the shared data folder when there is one (see {@link #create(Scale, long, Path,
 *     PrintStream)}): larger data that is not bundled
 * @param progressStream where progress bars go; {@code null} hides them
 */
public record LabContext(
    Scale scale, long seed, Optional<Path> sharedData, PrintStream progressStream) {

  /** How long experiments run. */
  public enum Scale {
    QUICK,
    FULL
  }

  /** Environment variable that names the shared data folder. */
  public static final String DATA_ENV = "ARCHLAB_DATA";

  /** Help text of the commands' {@code --data DIR} option. */
  public static final String DATA_OPTION_HELP =
      "Shared data folder (cache traces, npm names); default: $ARCHLAB_DATA when set, else"
          + " ../shared/data beside the repository, else beside the working directory.";

  /** System property the {@code archlab} launcher sets to the repository root. */
  public static final String ROOT_PROPERTY = "archlab.root";

  /**
   * A context whose shared data folder is found as {@link #create(Scale, long, Path, PrintStream)}.
   */
  public static LabContext create(Scale scale, long seed, PrintStream progressStream) {
    return create(scale, seed, null, progressStream);
  }

  /**
   * A context whose shared data folder is {@code dataOption} when given, else {@code $ARCHLAB_DATA}
   * when set, else {@code ../shared/data} beside the repository root (system property {@value
   * #ROOT_PROPERTY}), else {@code ../shared/data} beside the working directory, else none.
   *
   * @throws IllegalArgumentException when {@code dataOption} or {@code $ARCHLAB_DATA} names no
   *     folder
   */
  public static LabContext create(
      Scale scale, long seed, Path dataOption, PrintStream progressStream) {
    return new LabContext(
        scale,
        seed,
        sharedDataFolder(dataOption, System.getenv(DATA_ENV), System.getProperty(ROOT_PROPERTY)),
        progressStream);
  }

  // A folder the user named must exist; the conventional places are only looked at.
  static Optional<Path> sharedDataFolder(Path dataOption, String dataEnv, String root) {
    if (dataOption != null) {
      return Optional.of(requireFolder(dataOption, "--data"));
    }
    if (dataEnv != null && !dataEnv.isBlank()) {
      return Optional.of(requireFolder(Path.of(dataEnv), DATA_ENV));
    }
    Stream<Path> bases =
        root != null && !root.isBlank()
            ? Stream.of(Path.of(root), Path.of(""))
            : Stream.of(Path.of(""));
    return bases
        .map(base -> base.toAbsolutePath().resolve("../shared/data").normalize())
        .filter(Files::isDirectory)
        .findFirst();
  }

  private static Path requireFolder(Path folder, String source) {
    Path absolute = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(
          source + ": shared data folder " + absolute + " does not exist or is not a folder");
    }
    return absolute;
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
