package dev.archlab.trading;

import java.time.LocalDate;

/*
 * Features are precomputed once per bar when the environment is built. Row k of the feature table
 * reads only closes 0..k (the loops below never index past k), which the look-ahead property test
 * checks by rewriting every bar after k and comparing observations, actions and rewards.
 */
final class BarTradingEnvironment implements TradingEnvironment {
  private static final double CLIP = 5.0;
  private static final double MIN_VOLATILITY = 1e-4;

  private final PriceSeries series;
  private final double costRate;
  private final int window;
  private final int featureCount;
  private final double[] features;
  private final double[] closes;
  private final double[] fills;
  private final int firstDecision;
  private final int lastDecision;

  private int decision;
  private double position;
  private boolean started;
  private boolean truncated;
  private double lastFillPrice = Double.NaN;

  BarTradingEnvironment(
      PriceSeries series,
      LocalDate from,
      LocalDate to,
      Costs costs,
      int window,
      int fast,
      int slow,
      int volatilityWindow) {
    this.series = series;
    this.costRate = costs.rate();
    this.window = window;
    this.featureCount = window + 2;
    int n = series.size();
    closes = new double[n];
    fills = new double[n];
    for (int i = 0; i < n; i++) {
      Bar bar = series.bar(i);
      closes[i] = bar.close();
      fills[i] = bar.hasOpen() ? bar.open() : bar.close();
    }
    int warmUp = Math.max(Math.max(window, volatilityWindow), slow - 1);
    firstDecision = Math.max(warmUp, series.indexOnOrAfter(from));
    int end = to.equals(LocalDate.MAX) ? n : series.indexOnOrAfter(to.plusDays(1));
    lastDecision = end - 2;
    if (lastDecision < firstDecision) {
      throw new IllegalArgumentException(
          "no step fits in "
              + from
              + " to "
              + to
              + " of "
              + series
              + ": decisions need "
              + warmUp
              + " earlier bars of history and one later bar to fill");
    }
    features = new double[n * featureCount];
    for (int k = firstDecision; k <= lastDecision + 1; k++) {
      computeFeatures(k, fast, slow, volatilityWindow);
    }
  }

  private void computeFeatures(int k, int fast, int slow, int volatilityWindow) {
    int row = k * featureCount;
    double volatility = Math.max(MIN_VOLATILITY, volatility(k, volatilityWindow));
    for (int i = 0; i < window; i++) {
      features[row + i] = clip(logReturn(k - i) / volatility);
    }
    double fastAverage = average(k, fast);
    double slowAverage = average(k, slow);
    features[row + window] =
        clip(StrictMath.log(closes[k] / fastAverage) / (volatility * Math.sqrt(fast)));
    features[row + window + 1] =
        clip(StrictMath.log(fastAverage / slowAverage) / (volatility * Math.sqrt(slow)));
  }

  private double logReturn(int index) {
    return StrictMath.log(closes[index] / closes[index - 1]);
  }

  private double volatility(int k, int returns) {
    double mean = 0;
    for (int i = k - returns + 1; i <= k; i++) {
      mean += logReturn(i);
    }
    mean /= returns;
    double squares = 0;
    for (int i = k - returns + 1; i <= k; i++) {
      double d = logReturn(i) - mean;
      squares += d * d;
    }
    return Math.sqrt(squares / (returns - 1));
  }

  private double average(int k, int bars) {
    double sum = 0;
    for (int i = k - bars + 1; i <= k; i++) {
      sum += closes[i];
    }
    return sum / bars;
  }

  private static double clip(double value) {
    return Math.max(-CLIP, Math.min(CLIP, value));
  }

  @Override
  public int observationSize() {
    return featureCount + 1;
  }

  @Override
  public int actionCount() {
    return 3;
  }

  @Override
  public void reset(double[] observation) {
    checkLength(observation);
    decision = firstDecision;
    position = 0;
    started = true;
    truncated = false;
    lastFillPrice = Double.NaN;
    observe(observation);
  }

  @Override
  public double step(int action, double[] nextObservation) {
    if (!started || truncated) {
      throw new IllegalStateException("trading episode has ended; call reset first");
    }
    if (action < 0 || action > 2) {
      throw new IllegalArgumentException("trading action must be 0, 1 or 2, got " + action);
    }
    checkLength(nextObservation);
    double target = TradingEnvironment.positionOf(action);
    double fill = fills[decision + 1];
    double growth =
        (1 + position * (fill / closes[decision] - 1))
            * (1 - costRate * Math.abs(target - position))
            * (1 + target * (closes[decision + 1] / fill - 1));
    position = target;
    lastFillPrice = fill;
    decision++;
    truncated = decision > lastDecision;
    observe(nextObservation);
    return growth - 1;
  }

  private void checkLength(double[] observation) {
    if (observation.length != featureCount + 1) {
      throw new IllegalArgumentException(
          "observation array must have "
              + (featureCount + 1)
              + " values, got "
              + observation.length);
    }
  }

  private void observe(double[] observation) {
    System.arraycopy(features, decision * featureCount, observation, 0, featureCount);
    observation[featureCount] = position;
  }

  @Override
  public boolean terminated() {
    return false;
  }

  @Override
  public boolean truncated() {
    return truncated;
  }

  @Override
  public PriceSeries series() {
    return series;
  }

  @Override
  public int episodeLength() {
    return lastDecision - firstDecision + 1;
  }

  @Override
  public LocalDate decisionDate() {
    return series.bar(decision).date();
  }

  @Override
  public double position() {
    return position;
  }

  @Override
  public LocalDate lastStepDate() {
    if (Double.isNaN(lastFillPrice)) {
      throw new IllegalStateException("no step taken since reset");
    }
    return series.bar(decision).date();
  }

  @Override
  public double lastFillPrice() {
    return lastFillPrice;
  }

  @Override
  public int crossoverFeatureIndex() {
    return window + 1;
  }
}
