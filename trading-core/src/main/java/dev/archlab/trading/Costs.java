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

  /** Checks both costs are finite and not negative. */
  public Costs {
    if (!(commissionBps >= 0) || Double.isInfinite(commissionBps)) {
      throw new IllegalArgumentException("commissionBps must be >= 0, got " + commissionBps);
    }
    if (!(slippageBps >= 0) || Double.isInfinite(slippageBps)) {
      throw new IllegalArgumentException("slippageBps must be >= 0, got " + slippageBps);
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
