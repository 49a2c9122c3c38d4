package dev.archlab.trading;

import java.util.Locale;

/**
 * A mean over independent runs (such as seeds) with a 95% confidence interval from Student's t
 * distribution.
 *
 * @param mean sample mean
 * @param halfWidth half the width of the 95% interval; NaN for a single value
 * @param count number of values
 * @since 0.1
 */
public record Estimate(double mean, double halfWidth, int count) {

  // Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
  private static final double[] T_975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /** The estimate from {@code values}, which must not be empty. */
  public static Estimate of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("need at least one value");
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    if (values.length == 1) {
      return new Estimate(mean, Double.NaN, 1);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    int freedom = values.length - 1;
    double t = freedom <= T_975.length ? T_975[freedom - 1] : 1.960;
    double standardError = Math.sqrt(squares / freedom / values.length);
    return new Estimate(mean, t * standardError, values.length);
  }

  /** The mean and interval with {@code decimals} decimals, such as {@code 0.1234 ± 0.0567}. */
  public String format(int decimals) {
    String number = "%." + decimals + "f";
    return Double.isNaN(halfWidth)
        ? String.format(Locale.ROOT, number, mean)
        : String.format(Locale.ROOT, number + " ± " + number, mean, halfWidth);
  }
}
