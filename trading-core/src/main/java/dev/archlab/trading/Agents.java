package dev.archlab.trading;

import java.util.Objects;

/**
 * Creates agents: the two learners and the rule baselines.
 *
 * <p>Every learner takes a seed from which it derives one random source per component
 * (initialisation, exploration or sampling, replay), so the same seed, environment and
 * configuration reproduce the same weights bit for bit.
 *
 * @since 0.1
 */
public final class Agents {
  private Agents() {}

  /**
   * A DQN agent (replay buffer, target network, optional Double DQN, linear epsilon schedule).
   *
   * @param observationSize length of the environment's observations
   * @param actionCount number of actions
   */
  public static LearningAgent dqn(
      DqnConfig config, int observationSize, int actionCount, long seed) {
    Objects.requireNonNull(config, "config");
    Checks.atLeast("observationSize", observationSize, 1);
    Checks.atLeast("actionCount", actionCount, 2);
    return new DqnAgent(
        config.doubleDqn() ? "double-dqn" : "dqn", config, observationSize, actionCount, seed);
  }

  /** A DQN agent sized for {@code environment}. */
  public static LearningAgent dqn(DqnConfig config, Environment environment, long seed) {
    return dqn(config, environment.observationSize(), environment.actionCount(), seed);
  }

  /** A REINFORCE agent with a value baseline and an entropy bonus. */
  public static LearningAgent policyGradient(
      PolicyGradientConfig config, int observationSize, int actionCount, long seed) {
    Objects.requireNonNull(config, "config");
    Checks.atLeast("observationSize", observationSize, 1);
    Checks.atLeast("actionCount", actionCount, 2);
    return new PolicyGradientAgent("reinforce", config, observationSize, actionCount, seed);
  }

  /** A policy-gradient agent sized for {@code environment}. */
  public static LearningAgent policyGradient(
      PolicyGradientConfig config, Environment environment, long seed) {
    return policyGradient(config, environment.observationSize(), environment.actionCount(), seed);
  }

  /** Always {@link TradingEnvironment#LONG}. */
  public static Agent buyAndHold() {
    return new RuleAgents.Constant("buy-and-hold", TradingEnvironment.LONG);
  }

  /** Uniformly random actions from a source seeded with {@code seed}. */
  public static Agent random(long seed, int actionCount) {
    Checks.atLeast("actionCount", actionCount, 1);
    return new RuleAgents.Random(seed, actionCount);
  }

  /**
   * Long while the fast moving average is above the slow one; short otherwise, or flat when {@code
   * allowShort} is false. Reads {@link TradingEnvironment#crossoverFeatureIndex()}.
   */
  public static Agent movingAverageCrossover(TradingEnvironment environment, boolean allowShort) {
    return new RuleAgents.Crossover(
        allowShort ? "ma-crossover" : "ma-crossover-long-only",
        environment.crossoverFeatureIndex(),
        allowShort ? TradingEnvironment.SHORT : TradingEnvironment.FLAT);
  }

  /** Acts by the argmax of a saved network, as both learners do at evaluation time. */
  public static Agent greedy(String name, DenseNetwork network) {
    Objects.requireNonNull(network, "network");
    return new RuleAgents.Greedy(Objects.requireNonNull(name, "name"), network.copy());
  }
}
