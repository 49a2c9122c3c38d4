package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolicyGradientAgentTest implements LearningAgentContract {

  @Override
  public LearningAgent agent(int observationSize, int actionCount, long seed) {
    return Agents.policyGradient(
        PolicyGradientConfig.trading(), observationSize, actionCount, seed);
  }

  @Test
  void softmax_isAProbabilityDistributionEvenForHugeLogits() {
    double[] probabilities = new double[3];

    PolicyGradientAgent.softmax(new double[] {1000, 1000, -1000}, probabilities);

    assertEquals(0.5, probabilities[0], 1e-15);
    assertEquals(0.5, probabilities[1], 1e-15);
    assertEquals(0.0, probabilities[2], 1e-15);
  }
}
