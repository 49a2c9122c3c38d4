package dev.archlab.trading;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A single-instrument trading environment over daily bars.
 *
 * <p>Rules, chosen so that the reward is exactly what the account would earn:
 *
 * <ul>
 *   <li>The observation at decision time t is computed from bars up to and including t only.
 *   <li>Actions are target positions: {@link #SHORT} (-1), {@link #FLAT} (0), {@link #LONG} (+1)
 *       times equity.
 *   <li>A decision taken at the close of t fills at bar t+1: at its open when the bar has one,
 *       otherwise at its close.
 *   <li>The reward of that step is the account's net simple return from the close of t to the close
 *       of t+1: the old position earns close(t) to the fill, costs are paid on the traded notional,
 *       and the new position earns the fill to close(t+1).
 *   <li>An episode runs over the bars from {@code from} to {@code to}; the last decision is taken
 *       on the next-to-last bar so that every order fills inside the range. Its end is a
 *       truncation, not a terminal state.
 * </ul>
 *
 * <p>Observation layout ({@link #observationSize()} values): the last {@code window} log returns,
 * newest first, each divided by the recent volatility; the close against its fast moving average;
 * the fast moving average against the slow one (positive in an up-crossing regime, index {@link
 * #crossoverFeatureIndex()}); the current position. All values are clipped to [-5, 5].
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
public interface TradingEnvironment extends Environment {

  /** Action: hold -1 times equity. */
  int SHORT = 0;

  /** Action: hold nothing. */
  int FLAT = 1;

  /** Action: hold +1 times equity. */
  int LONG = 2;

  /** The position each action asks for. */
  static double positionOf(int action) {
    return action - 1.0;
  }

  /** A builder over {@code series}, using every bar and no costs until told otherwise. */
  static Builder builder(PriceSeries series) {
    return new Builder(series);
  }

  /** The bars this environment trades. */
  PriceSeries series();

  /** Number of steps in one episode. */
  int episodeLength();

  /** Date of the bar whose close the current observation ends at. */
  LocalDate decisionDate();

  /** Position currently held, in multiples of equity. */
  double position();

  /** Date of the bar at which the last step's order filled and its return was realised. */
  LocalDate lastStepDate();

  /** Price at which the last step's order filled (also reported when the position did not move). */
  double lastFillPrice();

  /** Index of the moving-average crossover feature in the observation. */
  int crossoverFeatureIndex();

  /**
   * Builds {@link TradingEnvironment}s. Each option may be set once.
   *
   * @since 0.1
   */
  final class Builder {
    private final PriceSeries series;
    private LocalDate from;
    private LocalDate to;
    private Costs costs;
    private int window = -1;
    private int fastAverage = -1;
    private int slowAverage = -1;
    private int volatilityWindow = -1;

    private Builder(PriceSeries series) {
      this.series = Objects.requireNonNull(series, "series");
    }

    /** First date an episode may use (inclusive); earlier bars still feed the features. */
    public Builder from(LocalDate date) {
      if (from != null) {
        throw new IllegalStateException("from was already set to " + from);
      }
      from = Objects.requireNonNull(date, "from");
      return this;
    }

    /** Last date an episode may use (inclusive). */
    public Builder to(LocalDate date) {
      if (to != null) {
        throw new IllegalStateException("to was already set to " + to);
      }
      to = Objects.requireNonNull(date, "to");
      return this;
    }

    /** Costs charged on every position change; default {@link Costs#none()}. */
    public Builder costs(Costs value) {
      if (costs != null) {
        throw new IllegalStateException("costs were already set to " + costs);
      }
      costs = Objects.requireNonNull(value, "costs");
      return this;
    }

    /** Number of past returns in each observation; default 10, between 1 and 250. */
    public Builder window(int returns) {
      window = setOnce("window", window, returns, 1, 250);
      return this;
    }

    /** Moving-average lengths in bars; defaults 10 and 30; fast must be below slow. */
    public Builder movingAverages(int fast, int slow) {
      if (fast >= slow) {
        throw new IllegalArgumentException(
            "fast moving average must be shorter than slow, got " + fast + " and " + slow);
      }
      fastAverage = setOnce("fast moving average", fastAverage, fast, 2, 500);
      slowAverage = setOnce("slow moving average", slowAverage, slow, 3, 1000);
      return this;
    }

    /** Bars of returns in the volatility estimate that scales the features; default 20. */
    public Builder volatilityWindow(int returns) {
      volatilityWindow = setOnce("volatility window", volatilityWindow, returns, 2, 500);
      return this;
    }

    private static int setOnce(String option, int current, int value, int min, int max) {
      if (current != -1) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            option + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    /**
     * The environment.
     *
     * @throws IllegalArgumentException if the date range leaves no step after the warm-up bars
     */
    public TradingEnvironment build() {
      return new BarTradingEnvironment(
          series,
          from == null ? series.firstDate() : from,
          to == null ? series.lastDate() : to,
          costs == null ? Costs.none() : costs,
          window == -1 ? 10 : window,
          fastAverage == -1 ? 10 : fastAverage,
          slowAverage == -1 ? 30 : slowAverage,
          volatilityWindow == -1 ? 20 : volatilityWindow);
    }
  }
}
