package dev.archlab.trading;

/**
 * Environments that do not trade: benchmarks to prove that an agent learns at all.
 *
 * @since 0.1
 */
public final class Environments {
  private Environments() {}

  /**
   * The classic cart-pole task with the Gymnasium CartPole-v1 rules: 4 observations, 2 actions,
   * reward 1 per step, at most 500 steps per episode. Starting states come from a source seeded
   * with {@code seed}.
   */
  public static Environment cartPole(long seed) {
    return new CartPole(seed);
  }

  /** Longest cart-pole episode, and so its best return. */
  public static int cartPoleMaxSteps() {
    return CartPole.MAX_STEPS;
  }
}
