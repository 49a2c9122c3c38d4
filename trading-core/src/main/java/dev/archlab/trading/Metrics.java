package dev.archlab.trading;

/**
 * Performance metrics of an equity curve, with the conventions spelled out so that anyone can
 * recompute them (the tests do, with an independent script):
 *
 * <ul>
 *   <li>period returns r(i) = E(i) / E(i-1) - 1 for i = 1..n; years = n / periodsPerYear;
 *   <li>{@code totalReturn} = E(n) / E(0) - 1; {@code cagr} = (E(n) / E(0))^(1 / years) - 1;
 *   <li>{@code annualVolatility} = sample standard deviation (n - 1) of r times
 *       sqrt(periodsPerYear); {@code sharpe} = mean(r) / that deviation times sqrt(periodsPerYear),
 *       with a zero risk-free rate;
 *   <li>{@code sortino} = mean(r) / sqrt(mean(min(r, 0)^2)) times sqrt(periodsPerYear);
 *   <li>{@code maxDrawdown} = the largest 1 - E(i) / max(E(0..i)), as a positive fraction; {@code
 *       calmar} = cagr / maxDrawdown;
 *   <li>{@code turnover} = the sum of |position change| over the periods (starting from the
 *       position before period 1), divided by years: 2.0 means trading twice the equity a year;
 *   <li>{@code exposure} = the fraction of periods with a non-zero position;
 *   <li>{@code hitRate} = the fraction of those periods whose return is positive.
 * </ul>
 *
 * <p>A ratio whose denominator is zero is {@link Double#NaN}. Immutable and thread-safe.
 *
 * @param periods number of return periods n
 * @param totalReturn E(n) / E(0) - 1
 * @param cagr compound annual growth rate
 * @param annualVolatility annualised standard deviation of period returns
 * @param sharpe annualised Sharpe ratio, zero risk-free rate
 * @param sortino annualised Sortino ratio, zero target
 * @param maxDrawdown largest peak-to-trough loss, as a positive fraction
 * @param calmar cagr / maxDrawdown
 * @param turnover traded notional per year in multiples of equity
 * @param exposure fraction of periods invested
 * @param hitRate fraction of invested periods with a positive return
 * @since 0.1
 */
public record Metrics(
    int periods,
    double totalReturn,
    double cagr,
    double annualVolatility,
    double sharpe,
    double sortino,
    double maxDrawdown,
    double calmar,
    double turnover,
    double exposure,
    double hitRate) {

  /** Trading days per year, the usual annualisation of daily data. */
  public static final int TRADING_DAYS = 252;

  /**
   * Metrics of an equity curve.
   *
   * @param equity E(0..n), all positive, n at least 2
   * @param positions the position held in each period 1..n (length n)
   * @param startPosition the position before period 1, for the first position change
   * @param periodsPerYear periods in a year, such as {@link #TRADING_DAYS}
   */
  public static Metrics of(
      double[] equity, double[] positions, double startPosition, double periodsPerYear) {
    int n = equity.length - 1;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 3 equity points, got " + equity.length);
    }
    if (positions.length != n) {
      throw new IllegalArgumentException(
          "need one position per period (" + n + "), got " + positions.length);
    }
    Checks.positive("periodsPerYear", periodsPerYear);
    // A ruined account (equity at or below zero) has no meaningful ratios; say so, not NaN.
    for (int i = 0; i <= n; i++) {
      if (!(equity[i] > 0) || Double.isInfinite(equity[i])) {
        throw new IllegalArgumentException(
            "equity[" + i + "] must be positive and finite, got " + equity[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(positions[i])) {
        throw new IllegalArgumentException(
            "positions[" + i + "] must be finite, got " + positions[i]);
      }
    }
    double years = n / periodsPerYear;
    double growth = equity[n] / equity[0];

    double sum = 0;
    double downsideSquares = 0;
    double peak = equity[0];
    double maxDrawdown = 0;
    double traded = 0;
    int invested = 0;
    int hits = 0;
    double previous = startPosition;
    for (int i = 1; i <= n; i++) {
      double r = equity[i] / equity[i - 1] - 1;
      sum += r;
      downsideSquares += r < 0 ? r * r : 0;
      peak = Math.max(peak, equity[i]);
      maxDrawdown = Math.max(maxDrawdown, 1 - equity[i] / peak);
      traded += Math.abs(positions[i - 1] - previous);
      previous = positions[i - 1];
      if (positions[i - 1] != 0) {
        invested++;
        hits += r > 0 ? 1 : 0;
      }
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 1; i <= n; i++) {
      double d = equity[i] / equity[i - 1] - 1 - mean;
      squares += d * d;
    }
    double deviation = Math.sqrt(squares / (n - 1));
    double downside = Math.sqrt(downsideSquares / n);
    double annualise = Math.sqrt(periodsPerYear);
    double cagr = StrictMath.pow(growth, 1 / years) - 1;
    return new Metrics(
        n,
        growth - 1,
        cagr,
        deviation * annualise,
        ratio(mean, deviation) * annualise,
        ratio(mean, downside) * annualise,
        maxDrawdown,
        ratio(cagr, maxDrawdown),
        traded / years,
        (double) invested / n,
        invested == 0 ? Double.NaN : (double) hits / invested);
  }

  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? Double.NaN : numerator / denominator;
  }
}
