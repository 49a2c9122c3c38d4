package dev.archlab.trading;

import java.util.List;

/**
 * Hyperparameters of the {@link Agents#policyGradient policy-gradient agent} (REINFORCE with a
 * learned value baseline and an entropy bonus). Immutable.
 *
 * @param hiddenSizes units of each tanh hidden layer, for the policy and the value network
 * @param policyLearningRate Adam step size of the policy network
 * @param valueLearningRate Adam step size of the value network
 * @param gamma discount factor in [0, 1]
 * @param episodesPerUpdate finished episodes collected before each update
 * @param entropyCoefficient weight of the policy's entropy in the objective
 * @param maxGradientNorm global L2 norm the gradients are clipped to
 * @since 0.1
 */
public record PolicyGradientConfig(
    List<Integer> hiddenSizes,
    double policyLearningRate,
    double valueLearningRate,
    double gamma,
    int episodesPerUpdate,
    double entropyCoefficient,
    double maxGradientNorm) {

  /** Validates every field and copies the list. */
  public PolicyGradientConfig {
    hiddenSizes = List.copyOf(hiddenSizes);
    for (int size : hiddenSizes) {
      Checks.atLeast("hidden layer size", size, 1);
    }
    Checks.positive("policyLearningRate", policyLearningRate);
    Checks.positive("valueLearningRate", valueLearningRate);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }
    Checks.atLeast("episodesPerUpdate", episodesPerUpdate, 1);
    if (!(entropyCoefficient >= 0)) {
      throw new IllegalArgumentException(
          "entropyCoefficient must be >= 0, got " + entropyCoefficient);
    }
    Checks.positive("maxGradientNorm", maxGradientNorm);
  }

  /** Settings that solve cart-pole within 500,000 steps. */
  public static PolicyGradientConfig cartPole() {
    return new PolicyGradientConfig(List.of(64, 64), 2e-3, 5e-3, 0.99, 4, 0.0, 1.0);
  }

  /** Settings for daily trading environments. */
  public static PolicyGradientConfig trading() {
    return new PolicyGradientConfig(List.of(64, 64), 3e-4, 1e-3, 0.9, 4, 0.01, 1.0);
  }
}
