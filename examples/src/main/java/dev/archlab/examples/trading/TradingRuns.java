package dev.archlab.examples.trading;

import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Table;
import dev.archlab.trading.Agent;
import dev.archlab.trading.Agents;
import dev.archlab.trading.BacktestResult;
import dev.archlab.trading.Backtester;
import dev.archlab.trading.Costs;
import dev.archlab.trading.DqnConfig;
import dev.archlab.trading.Estimate;
import dev.archlab.trading.LearningAgent;
import dev.archlab.trading.Metrics;
import dev.archlab.trading.PolicyGradientConfig;
import dev.archlab.trading.PriceSeries;
import dev.archlab.trading.TradingEnvironment;
import dev.archlab.trading.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import me.tongfei.progressbar.ProgressBar;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What the trading lab and the {@code archlab trade} commands share. */
final class TradingRuns {
  /** Bundled series: short name to resource. */
  static final Map<String, String> BUNDLED =
      Map.of(
          "goog", "/trading/data/goog_2004_2008_ohlcv.csv",
          "aapl", "/trading/data/aapl_2013_ohlcv.csv");

  static final List<String> AGENTS = List.of("dqn", "reinforce");

  private TradingRuns() {}

  /** A bundled series by short name ({@code goog}, {@code aapl}) or a CSV file path. */
  static PriceSeries load(String data) throws IOException {
    String resource = BUNDLED.get(data);
    if (resource == null) {
      Path file = Path.of(data);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "--data must be one of " + BUNDLED.keySet() + " or a CSV file, got '" + data + "'");
      }
      return PriceSeries.readCsv(file);
    }
    try (InputStream stream = TradingRuns.class.getResourceAsStream(resource);
        Reader reader =
            new InputStreamReader(
                java.util.Objects.requireNonNull(stream, resource), StandardCharsets.UTF_8)) {
      String fileName = resource.substring(resource.lastIndexOf('/') + 1);
      return PriceSeries.readCsv(reader, fileName, data);
    }
  }

  /** The date that ends the training period: {@code trainFraction} of the bars lie before it. */
  static LocalDate splitDate(PriceSeries series, double trainFraction) {
    if (!(trainFraction > 0.1 && trainFraction < 0.95)) {
      throw new IllegalArgumentException(
          "train fraction must be above 0.1 and below 0.95, got " + trainFraction);
    }
    return series.bar((int) (series.size() * trainFraction)).date();
  }

  static TradingEnvironment trainingEnvironment(PriceSeries series, LocalDate split, Costs costs) {
    return TradingEnvironment.builder(series).to(split).costs(costs).build();
  }

  static TradingEnvironment testEnvironment(PriceSeries series, LocalDate split, Costs costs) {
    return TradingEnvironment.builder(series).from(split).costs(costs).build();
  }

  static LearningAgent newAgent(
      String kind, TradingEnvironment environment, long steps, long seed) {
    return switch (kind) {
      case "dqn" ->
          Agents.dqn(
              DqnConfig.trading().withExplorationSteps(Math.max(1, steps / 2)), environment, seed);
      case "reinforce" -> Agents.policyGradient(PolicyGradientConfig.trading(), environment, seed);
      default ->
          throw new IllegalArgumentException(
              "agent must be one of " + AGENTS + ", got '" + kind + "'");
    };
  }

  /**
   * A trained agent and its training speed, by the wall clock and by the training thread's CPU time
   * (the second is steadier on a machine shared with other work).
   */
  record Trained(
      LearningAgent agent, long steps, double stepsPerSecond, double stepsPerCpuSecond) {}

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Trains with a progress bar that advances with the environment steps. */
  static Trained train(
      LearningAgent agent, TradingEnvironment environment, long steps, ProgressBar bar) {
    long base = bar.getCurrent();
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    var result =
        agent.train(
            environment,
            steps,
            new TrainingListener() {
              @Override
              public boolean episodeEnded(long stepsSoFar, double episodeReturn) {
                return false;
              }

              @Override
              public void progress(long stepsSoFar) {
                bar.stepTo(base + stepsSoFar);
              }
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
    return new Trained(
        agent, result.steps(), result.steps() / seconds, result.steps() / cpuSeconds);
  }

  /** Results of every agent on one out-of-sample period, several runs per agent. */
  record Comparison(
      Map<String, List<BacktestResult>> results,
      Map<String, Double> trainingStepsPerSecond,
      Map<String, Double> trainingStepsPerCpuSecond) {}

  /**
   * Trains each learner with each seed on the training period, then backtests learners and
   * baselines on the test period.
   */
  static Comparison compare(
      LabContext context, PriceSeries series, LocalDate split, Costs costs, int seeds, long steps) {
    TradingEnvironment training = trainingEnvironment(series, split, costs);
    TradingEnvironment test = testEnvironment(series, split, costs);
    Map<String, List<BacktestResult>> results = new LinkedHashMap<>();
    Map<String, Double> speeds = new LinkedHashMap<>();
    Map<String, Double> cpuSpeeds = new LinkedHashMap<>();
    try (ProgressBar bar =
        context.progress(
            "training " + AGENTS.size() + " agents x " + seeds + " seeds",
            AGENTS.size() * seeds * steps)) {
      for (String kind : AGENTS) {
        List<BacktestResult> runs = new ArrayList<>();
        double totalSpeed = 0;
        double totalCpuSpeed = 0;
        for (int s = 0; s < seeds; s++) {
          LearningAgent agent = newAgent(kind, training, steps, context.seed() + s);
          Trained trained = train(agent, training, steps, bar);
          totalSpeed += trained.stepsPerSecond();
          totalCpuSpeed += trained.stepsPerCpuSecond();
          runs.add(Backtester.run(agent, test));
        }
        results.put(runs.get(0).agent(), runs);
        speeds.put(runs.get(0).agent(), totalSpeed / seeds);
        cpuSpeeds.put(runs.get(0).agent(), totalCpuSpeed / seeds);
      }
    }
    results.put("buy-and-hold", List.of(Backtester.run(Agents.buyAndHold(), test)));
    results.put(
        "ma-crossover", List.of(Backtester.run(Agents.movingAverageCrossover(test, true), test)));
    results.put(
        "ma-crossover-long-only",
        List.of(Backtester.run(Agents.movingAverageCrossover(test, false), test)));
    List<BacktestResult> random = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      random.add(Backtester.run(Agents.random(context.seed() + s, test.actionCount()), test));
    }
    results.put("random", random);
    return new Comparison(results, speeds, cpuSpeeds);
  }

  /** One row per agent: mean and 95% interval over its runs. */
  static Table metricsTable(Map<String, List<BacktestResult>> results) {
    Table table =
        Table.withHeaders(
            "agent",
            "runs",
            "total return",
            "CAGR",
            "ann. vol",
            "Sharpe",
            "Sortino",
            "max DD",
            "Calmar",
            "turnover/yr",
            "exposure",
            "hit rate",
            "trades");
    results.forEach(
        (agent, runs) ->
            table.row(
                agent,
                runs.size(),
                estimate(runs, Metrics::totalReturn),
                mean(runs, Metrics::cagr),
                mean(runs, Metrics::annualVolatility),
                estimate(runs, Metrics::sharpe),
                mean(runs, Metrics::sortino),
                mean(runs, Metrics::maxDrawdown),
                mean(runs, Metrics::calmar),
                String.format(Locale.ROOT, "%.1f", values(runs, Metrics::turnover).mean()),
                mean(runs, Metrics::exposure),
                mean(runs, Metrics::hitRate),
                String.format(
                    Locale.ROOT,
                    "%.0f",
                    runs.stream().mapToInt(r -> r.trades().size()).average().orElse(0))));
    return table;
  }

  private static Estimate values(List<BacktestResult> runs, ToDoubleFunction<Metrics> metric) {
    return Estimate.of(runs.stream().map(BacktestResult::metrics).mapToDouble(metric).toArray());
  }

  private static String estimate(List<BacktestResult> runs, ToDoubleFunction<Metrics> metric) {
    return values(runs, metric).format(3);
  }

  private static String mean(List<BacktestResult> runs, ToDoubleFunction<Metrics> metric) {
    return String.format(Locale.ROOT, "%.3f", values(runs, metric).mean());
  }

  /** Equity curves of the first run of each agent. */
  static XYChart equityChart(String title, Map<String, List<BacktestResult>> results) {
    XYChart chart =
        new XYChartBuilder()
            .width(1000)
            .height(500)
            .title(title)
            .xAxisTitle("date")
            .yAxisTitle("equity (start = 1)")
            .build();
    chart.getStyler().setDatePattern("yyyy-MM");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    results.forEach(
        (agent, runs) -> {
          BacktestResult first = runs.get(0);
          List<Date> dates =
              first.dates().stream()
                  .map(d -> Date.from(d.atStartOfDay().toInstant(ZoneOffset.UTC)))
                  .toList();
          String label = runs.size() > 1 ? agent + " (seed 1 of " + runs.size() + ")" : agent;
          chart.addSeries(label, dates, first.equity()).setMarker(SeriesMarkers.NONE);
        });
    return chart;
  }

  /** The backtest of one agent on the test period, beside the baselines. */
  static Map<String, List<BacktestResult>> withBaselines(Agent agent, TradingEnvironment test) {
    Map<String, List<BacktestResult>> results = new LinkedHashMap<>();
    results.put(agent.name(), List.of(Backtester.run(agent, test)));
    results.put("buy-and-hold", List.of(Backtester.run(Agents.buyAndHold(), test)));
    results.put(
        "ma-crossover", List.of(Backtester.run(Agents.movingAverageCrossover(test, true), test)));
    results.put("random", List.of(Backtester.run(Agents.random(1, test.actionCount()), test)));
    return results;
  }
}
