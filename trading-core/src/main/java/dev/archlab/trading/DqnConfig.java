package dev.archlab.trading;

import java.util.List;
import java.util.Objects;

/**
 * Hyperparameters of the {@link Agents#dqn DQN agent}. Immutable.
 *
 * @param hiddenSizes units of each ReLU hidden layer
 * @param learningRate Adam step size
 * @param gamma discount factor in [0, 1)
 * @param batchSize transitions per gradient step
 * @param bufferSize capacity of the replay buffer (oldest transitions are overwritten)
 * @param learningStarts steps of pure experience collection before the first gradient step
 * @param trainFrequency environment steps between training phases
 * @param gradientSteps gradient steps per training phase
 * @param targetUpdateInterval environment steps between copies of the online network into the
 *     target network
 * @param explorationSteps steps over which epsilon falls linearly from initial to final
 * @param initialEpsilon epsilon at step 0
 * @param finalEpsilon epsilon after {@code explorationSteps}
 * @param doubleDqn choose the next action with the online network and value it with the target
 *     network (van Hasselt et al., 2016) instead of taking the target network's maximum
 * @param loss TD-error loss
 * @param maxGradientNorm global L2 norm the gradients are clipped to
 * @since 0.1
 */
public record DqnConfig(
    List<Integer> hiddenSizes,
    double learningRate,
    double gamma,
    int batchSize,
    int bufferSize,
    int learningStarts,
    int trainFrequency,
    int gradientSteps,
    int targetUpdateInterval,
    long explorationSteps,
    double initialEpsilon,
    double finalEpsilon,
    boolean doubleDqn,
    Loss loss,
    double maxGradientNorm) {

  /** Validates every field and copies the list. */
  public DqnConfig {
    hiddenSizes = List.copyOf(hiddenSizes);
    for (int size : hiddenSizes) {
      Checks.atLeast("hidden layer size", size, 1);
    }
    Checks.positive("learningRate", learningRate);
    if (!(gamma >= 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1), got " + gamma);
    }
    Checks.atLeast("batchSize", batchSize, 1);
    Checks.atLeast("bufferSize", bufferSize, batchSize);
    Checks.atLeast("learningStarts", learningStarts, batchSize);
    Checks.atLeast("trainFrequency", trainFrequency, 1);
    Checks.atLeast("gradientSteps", gradientSteps, 1);
    Checks.atLeast("targetUpdateInterval", targetUpdateInterval, 1);
    Checks.atLeast("explorationSteps", explorationSteps, 1);
    Checks.probability("initialEpsilon", initialEpsilon);
    Checks.probability("finalEpsilon", finalEpsilon);
    Objects.requireNonNull(loss, "loss");
    Checks.positive("maxGradientNorm", maxGradientNorm);
  }

  /** Settings that solve cart-pole within 50,000 steps; 64x64 network, Double DQN. */
  public static DqnConfig cartPole() {
    return new DqnConfig(
        List.of(64, 64),
        2.3e-3,
        0.99,
        64,
        100_000,
        1_000,
        256,
        128,
        256,
        8_000,
        1.0,
        0.04,
        true,
        Loss.HUBER,
        10);
  }

  /** Settings for daily trading environments: a smaller gamma, slower exploration decay. */
  public static DqnConfig trading() {
    return new DqnConfig(
        List.of(64, 64),
        5e-4,
        0.9,
        64,
        50_000,
        1_000,
        4,
        1,
        1_000,
        20_000,
        1.0,
        0.05,
        true,
        Loss.HUBER,
        10);
  }

  /** This configuration with another exploration schedule length. */
  public DqnConfig withExplorationSteps(long steps) {
    return new DqnConfig(
        hiddenSizes,
        learningRate,
        gamma,
        batchSize,
        bufferSize,
        learningStarts,
        trainFrequency,
        gradientSteps,
        targetUpdateInterval,
        steps,
        initialEpsilon,
        finalEpsilon,
        doubleDqn,
        loss,
        maxGradientNorm);
  }

  /** This configuration with Double DQN switched on or off. */
  public DqnConfig withDoubleDqn(boolean enabled) {
    return new DqnConfig(
        hiddenSizes,
        learningRate,
        gamma,
        batchSize,
        bufferSize,
        learningStarts,
        trainFrequency,
        gradientSteps,
        targetUpdateInterval,
        explorationSteps,
        initialEpsilon,
        finalEpsilon,
        enabled,
        loss,
        maxGradientNorm);
  }
}
