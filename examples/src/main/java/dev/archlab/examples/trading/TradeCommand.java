package dev.archlab.examples.trading;

import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Table;
import dev.archlab.trading.Agent;
import dev.archlab.trading.Agents;
import dev.archlab.trading.BacktestResult;
import dev.archlab.trading.Backtester;
import dev.archlab.trading.Costs;
import dev.archlab.trading.DenseNetwork;
import dev.archlab.trading.LearningAgent;
import dev.archlab.trading.PriceSeries;
import dev.archlab.trading.TradingEnvironment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.knowm.xchart.BitmapEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archlab trade}: train, backtest and compare trading agents on real prices. */
@Command(
    name = "trade",
    mixinStandardHelpOptions = true,
    description = "Trains RL trading agents on real daily prices and backtests them out of sample.",
    subcommands = {
      TradeCommand.Train.class,
      TradeCommand.Backtest.class,
      TradeCommand.Compare.class
    })
public final class TradeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand shares. */
  static final class DataOptions {
    @Option(
        names = "--data",
        defaultValue = "goog",
        description =
            "Bundled series (goog, aapl) or a CSV file (date,open,high,low,close,volume).")
    String data;

    @Option(
        names = "--train-fraction",
        defaultValue = "0.7",
        description = "Share of bars before the split date; the rest is the out-of-sample test.")
    double trainFraction;

    @Option(names = "--commission-bps", defaultValue = "5", description = "Per unit traded.")
    double commissionBps;

    @Option(names = "--slippage-bps", defaultValue = "5", description = "Per unit traded.")
    double slippageBps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for every random source.")
    long seed;

    @Option(names = "--no-progress", description = "Hide progress bars.")
    boolean noProgress;

    Costs costs() {
      return new Costs(commissionBps, slippageBps);
    }

    LabContext context() {
      return LabContext.create(LabContext.Scale.FULL, seed, noProgress ? null : System.err);
    }
  }

  private static void printTable(PrintWriter out, String caption, Table table) {
    out.println(caption);
    out.print(table.toText());
    out.flush();
  }

  /** {@code archlab trade train}. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Trains one agent on the training period and saves its network as JSON.")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataOptions options = new DataOptions();

    @Option(names = "--agent", defaultValue = "dqn", description = "dqn or reinforce.")
    String agentKind;

    @Option(names = "--steps", defaultValue = "40000", description = "Environment steps.")
    long steps;

    @Option(names = "--model", defaultValue = "trading-model.json", description = "Output file.")
    Path model;

    @Override
    public Integer call() throws Exception {
      PriceSeries series = TradingRuns.load(options.data);
      LocalDate split = TradingRuns.splitDate(series, options.trainFraction);
      TradingEnvironment training = TradingRuns.trainingEnvironment(series, split, options.costs());
      LearningAgent agent = TradingRuns.newAgent(agentKind, training, steps, options.seed);
      TradingRuns.Trained trained;
      try (ProgressBar bar = options.context().progress("training " + agent.name(), steps)) {
        trained = TradingRuns.train(agent, training, steps, bar);
      }
      Files.writeString(model, agent.model().toJson(), StandardCharsets.UTF_8);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "Trained %s on %s, %s to %s: %,d steps at %.0f steps/s (%.0f per CPU second).%n"
              + "Weights hash %s%nModel: %s%n",
          agent.name(),
          series.name(),
          series.firstDate(),
          split,
          trained.steps(),
          trained.stepsPerSecond(),
          trained.stepsPerCpuSecond(),
          agent.weightsHash(),
          model.toAbsolutePath());
      BacktestResult inSample = Backtester.run(agent, training);
      printTable(
          out,
          "In-sample (training period) backtest, for reference only:",
          TradingRuns.metricsTable(Map.of(agent.name(), List.of(inSample))));
      return 0;
    }
  }

  /** {@code archlab trade backtest}. */
  @Command(
      name = "backtest",
      mixinStandardHelpOptions = true,
      description = "Backtests a saved model on the out-of-sample period beside the baselines.")
  static final class Backtest implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataOptions options = new DataOptions();

    @Option(names = "--model", defaultValue = "trading-model.json", description = "Model file.")
    Path model;

    @Option(
        names = "--chart",
        defaultValue = "lab-report/trading-backtest.png",
        description = "PNG output (its folder is created).")
    Path chart;

    @Override
    public Integer call() throws Exception {
      PriceSeries series = TradingRuns.load(options.data);
      LocalDate split = TradingRuns.splitDate(series, options.trainFraction);
      TradingEnvironment test = TradingRuns.testEnvironment(series, split, options.costs());
      prepareChartFolder(chart);
      DenseNetwork network = readModel(model);
      if (network.inputSize() != test.observationSize()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "model "
                + model
                + " expects "
                + network.inputSize()
                + " observations, the environment gives "
                + test.observationSize());
      }
      Agent agent = Agents.greedy("model", network);
      Map<String, List<BacktestResult>> results = TradingRuns.withBaselines(agent, test);
      PrintWriter out = spec.commandLine().getOut();
      printTable(
          out,
          "Out-of-sample backtest, " + series.name() + " " + split + " to " + series.lastDate(),
          TradingRuns.metricsTable(results));
      writeChart(chart, "Out-of-sample equity, " + series.name(), results);
      out.printf("Equity chart: %s%n", chart.toAbsolutePath());
      return 0;
    }
  }

  /** {@code archlab trade compare}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Trains DQN and REINFORCE on several seeds and compares them out of sample with"
              + " buy-and-hold, moving-average crossover and random trading.")
  static final class Compare implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataOptions options = new DataOptions();

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per learner.")
    int seeds;

    @Option(names = "--steps", defaultValue = "40000", description = "Steps per seed.")
    long steps;

    @Option(
        names = "--chart",
        defaultValue = "lab-report/trading-compare.png",
        description = "PNG output (its folder is created).")
    Path chart;

    @Override
    public Integer call() throws Exception {
      if (seeds < 1 || seeds > 100 || steps < 100) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "need 1 <= --seeds <= 100 and --steps >= 100, got --seeds "
                + seeds
                + " --steps "
                + steps);
      }
      prepareChartFolder(chart);
      PriceSeries series = TradingRuns.load(options.data);
      LocalDate split = TradingRuns.splitDate(series, options.trainFraction);
      TradingRuns.Comparison comparison =
          TradingRuns.compare(options.context(), series, split, options.costs(), seeds, steps);
      PrintWriter out = spec.commandLine().getOut();
      printTable(
          out,
          "Out-of-sample, "
              + series.name()
              + " "
              + split
              + " to "
              + series.lastDate()
              + " (mean ± 95% interval over seeds):",
          TradingRuns.metricsTable(comparison.results()));
      comparison
          .trainingStepsPerSecond()
          .forEach(
              (agent, speed) ->
                  out.printf(
                      Locale.ROOT,
                      "%s training: %.0f steps/s (wall clock), %.0f per CPU second%n",
                      agent,
                      speed,
                      comparison.trainingStepsPerCpuSecond().get(agent)));
      writeChart(chart, "Out-of-sample equity, " + series.name(), comparison.results());
      out.printf("Equity chart: %s%n", chart.toAbsolutePath());
      return 0;
    }
  }

  /** Creates the chart's folder up front, so a bad path fails before minutes of work. */
  private static void prepareChartFolder(Path chart) throws java.io.IOException {
    Path parent = chart.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /** Reads a saved model; every failure names the file. */
  private static DenseNetwork readModel(Path model) throws java.io.IOException {
    if (Files.isDirectory(model)) {
      throw new java.io.IOException("model " + model + " is a folder, expected a JSON file");
    }
    String json = Files.readString(model);
    try {
      return DenseNetwork.fromJson(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("model " + model + ": " + e.getMessage(), e);
    }
  }

  private static void writeChart(Path file, String title, Map<String, List<BacktestResult>> results)
      throws Exception {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(
        TradingRuns.equityChart(title, results), file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
