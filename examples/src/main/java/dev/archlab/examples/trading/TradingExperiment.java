package dev.archlab.examples.trading;

import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.trading.Agents;
import dev.archlab.trading.BacktestResult;
import dev.archlab.trading.Costs;
import dev.archlab.trading.DqnConfig;
import dev.archlab.trading.Environments;
import dev.archlab.trading.LearningAgent;
import dev.archlab.trading.PriceSeries;
import dev.archlab.trading.TrainingListener;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trading experiment: DQN and REINFORCE agents trained on the first 70% of a real daily series,
 * compared out of sample with buy-and-hold, moving-average crossover and random trading, several
 * seeds each; plus the DQN training speed.
 */
public final class TradingExperiment implements Experiment {
  static final double TRAIN_FRACTION = 0.7;
  static final Costs COSTS = new Costs(5, 5);

  @Override
  public String id() {
    return "trading";
  }

  @Override
  public String title() {
    return "RL trading: DQN and policy gradient against rule baselines, out of sample";
  }

  @Override
  public void run(LabContext context, Section section) throws Exception {
    PriceSeries series = TradingRuns.load("goog");
    LocalDate split = TradingRuns.splitDate(series, TRAIN_FRACTION);
    int seeds = context.full() ? 5 : 2;
    long steps = context.full() ? 40_000 : 2_000;
    section.paragraph(
        String.format(
            Locale.ROOT,
            "Data: %s (bundled; Matplotlib sample data, originally Yahoo! Finance). Training on"
                + " %s to %s, out-of-sample test from %s to %s. Costs: %.0f bps commission +"
                + " %.0f bps slippage per unit traded, on both sides. Orders decided at a close"
                + " fill at the next open. Each learner trains %,d environment steps per seed,"
                + " %d seeds; the table gives mean and 95%% interval over seeds.",
            series.name(),
            series.firstDate(),
            split,
            split,
            series.lastDate(),
            COSTS.commissionBps(),
            COSTS.slippageBps(),
            steps,
            seeds));

    TradingRuns.Comparison comparison =
        TradingRuns.compare(context, series, split, COSTS, seeds, steps);
    Map<String, List<BacktestResult>> results = comparison.results();
    section.table(
        "Out-of-sample metrics (" + split + " to " + series.lastDate() + ")",
        TradingRuns.metricsTable(results));
    section.chart(
        "equity",
        "Out-of-sample equity curves of " + series.name() + " (first seed of each learner)",
        TradingRuns.equityChart("Out-of-sample equity, " + series.name(), results));

    double cartPoleSpeed = cartPoleTrainingSpeed(context.full() ? 10_000 : 2_000);
    comparison
        .trainingStepsPerSecond()
        .forEach(
            (agent, speed) ->
                section.summary(
                    agent + " training steps/s (trading, 64x64; wall / CPU)",
                    String.format(
                        Locale.ROOT,
                        "%.0f / %.0f",
                        speed,
                        comparison.trainingStepsPerCpuSecond().get(agent))));
    section.paragraph(
        String.format(
            Locale.ROOT,
            "Training speed, single thread, end to end (environment + learning): DQN with a 64x64"
                + " network on the trading environment ran %.0f environment steps per wall-clock"
                + " second and %.0f per second of the training thread's CPU time (train every 4"
                + " steps, batch 64); on cart-pole with the heavier zoo settings (128 gradient"
                + " steps of batch 64 every 256 steps) %.0f steps per wall-clock second. Measured"
                + " on a shared machine; rerun for your own numbers.",
            comparison.trainingStepsPerSecond().getOrDefault("double-dqn", Double.NaN),
            comparison.trainingStepsPerCpuSecond().getOrDefault("double-dqn", Double.NaN),
            cartPoleSpeed));
    section.summary(
        "double-dqn training steps/s (cart-pole zoo settings)",
        String.format(Locale.ROOT, "%.0f", cartPoleSpeed));
    for (String agent : List.of("double-dqn", "reinforce", "buy-and-hold", "ma-crossover")) {
      section.summary(
          agent + " out-of-sample Sharpe",
          String.format(
              Locale.ROOT,
              "%.2f",
              results.get(agent).stream()
                  .mapToDouble(r -> r.metrics().sharpe())
                  .average()
                  .orElse(Double.NaN)));
    }
    section.paragraph(
        "Read the table with care: one instrument, one test period of 315 bars that holds"
            + " the 2008 crash, and a few seeds. The learners' intervals are wide; a learner"
            + " that beats buy-and-hold here has not shown an edge. Both learners are proven to"
            + " learn on cart-pole in trading-core's tests (CartPoleProofTest).");
  }

  /** Environment steps per second of DQN training on cart-pole with the zoo settings. */
  static double cartPoleTrainingSpeed(long steps) {
    LearningAgent agent = Agents.dqn(DqnConfig.cartPole(), 4, 2, 1);
    long start = System.nanoTime();
    agent.train(Environments.cartPole(1), steps, TrainingListener.none());
    return steps / ((System.nanoTime() - start) / 1e9);
  }
}
