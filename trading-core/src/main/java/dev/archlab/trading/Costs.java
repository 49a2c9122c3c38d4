package dev.archlab.trading;

/**
 * Trading costs charged on every change of position, on both sides of a round trip, as a fraction
 * of the traded notional: going from flat to long pays once, from long to short twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param commissionBps broker commission in basis points of traded notional
 * @param slippageBps price impact and spread in basis points of traded notional
 * @since 0.1
 */
public record Costs(double commissionBps, double slippageBps) {

  /**
   * Highest total cost rate in basis points: reversing from long to short trades twice the equity,
   * so a higher rate would cost more than the whole account and make equity negative.
   */
  public static final double MAX_TOTAL_BPS = 5_000;

  /**
   * Checks both costs are finite and not negative, and that together they are below {@link
   * #MAX_TOTAL_BPS}.
   */
  public Costs {
    if (!(commissionBps >= 0) || Double.isInfinite(commissionBps)) {
      throw new IllegalArgumentException("commissionBps must be >= 0, got " + commissionBps);
    }
    if (!(slippageBps >= 0) || Double.isInfinite(slippageBps)) {
      throw new IllegalArgumentException("slippageBps must be >= 0, got " + slippageBps);
    }
    if (commissionBps + slippageBps >= MAX_TOTAL_BPS) {
      throw new IllegalArgumentException(
          "commissionBps + slippageBps must be below "
              + MAX_TOTAL_BPS
              + " (a long-to-short reversal would cost the whole equity), got "
              + commissionBps
              + " + "
              + slippageBps);
    }
  }

  /** No costs at all: useful only to show how much costs matter. */
  public static Costs none() {
    return new Costs(0, 0);
  }

  /** Cost per unit of traded notional, as a fraction. */
  public double rate() {
    return (commissionBps + slippageBps) / 10_000.0;
  }
}
