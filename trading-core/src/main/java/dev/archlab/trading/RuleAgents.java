package dev.archlab.trading;

import java.util.SplittableRandom;

/** The rule baselines every learned agent is compared with. */
final class RuleAgents {
  private RuleAgents() {}

  /** Always the same action, such as buy and hold. */
  record Constant(String name, int action) implements Agent {
    @Override
    public int act(double[] observation) {
      return action;
    }
  }

  /** Uniformly random actions from its own seeded source. */
  static final class Random implements Agent {
    private final SplittableRandom random;
    private final int actionCount;

    Random(long seed, int actionCount) {
      this.random = new SplittableRandom(seed);
      this.actionCount = actionCount;
    }

    @Override
    public String name() {
      return "random";
    }

    @Override
    public int act(double[] observation) {
      return random.nextInt(actionCount);
    }
  }

  /** Long when the fast moving average is above the slow one, otherwise the other action. */
  record Crossover(String name, int featureIndex, int belowAction) implements Agent {
    @Override
    public int act(double[] observation) {
      if (observation.length <= featureIndex) {
        throw new IllegalArgumentException(
            "observation must have more than "
                + featureIndex
                + " values for the crossover feature, got "
                + observation.length);
      }
      return observation[featureIndex] > 0 ? TradingEnvironment.LONG : belowAction;
    }
  }

  /** The argmax of a saved network's outputs. */
  record Greedy(String name, DenseNetwork network) implements Agent {
    @Override
    public int act(double[] observation) {
      return network.argmax(observation);
    }
  }
}
