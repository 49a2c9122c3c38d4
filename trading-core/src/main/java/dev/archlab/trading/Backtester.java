package dev.archlab.trading;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an agent through one episode of a {@link TradingEnvironment} and keeps the books.
 *
 * <p>The equity curve multiplies the environment's own step returns, so the reward an agent is
 * trained on and the profit the backtest reports are the same numbers by construction.
 *
 * @since 0.1
 */
public final class Backtester {
  private Backtester() {}

  /** Resets {@code environment} and plays one whole episode with {@code agent}. */
  public static BacktestResult run(Agent agent, TradingEnvironment environment) {
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);
    List<LocalDate> dates = new ArrayList<>();
    List<Double> equityCurve = new ArrayList<>();
    List<Double> positionList = new ArrayList<>();
    List<Trade> trades = new ArrayList<>();
    double[] equity = new double[environment.episodeLength() + 1];
    double[] positions = new double[environment.episodeLength()];
    equity[0] = 1;
    dates.add(environment.decisionDate());
    equityCurve.add(1.0);
    int step = 0;
    while (!environment.done()) {
      int action = agent.act(observation);
      double before = environment.position();
      double reward = environment.step(action, observation);
      double after = environment.position();
      step++;
      equity[step] = equity[step - 1] * (1 + reward);
      if (!(equity[step] > 0)) {
        // Only a short through a rise of more than 100% in one bar can do this (see Known limits).
        throw new IllegalStateException(
            agent.name()
                + " lost the whole account on "
                + environment.lastStepDate()
                + ": equity "
                + equity[step]
                + " after a step return of "
                + reward);
      }
      positions[step - 1] = after;
      dates.add(environment.lastStepDate());
      equityCurve.add(equity[step]);
      positionList.add(after);
      if (after != before) {
        trades.add(
            new Trade(environment.lastStepDate(), before, after, environment.lastFillPrice()));
      }
    }
    Metrics metrics = Metrics.of(equity, positions, 0, Metrics.TRADING_DAYS);
    return new BacktestResult(agent.name(), dates, equityCurve, positionList, trades, metrics);
  }
}
