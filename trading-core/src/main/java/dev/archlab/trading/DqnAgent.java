package dev.archlab.trading;

import java.util.Arrays;
import java.util.SplittableRandom;

/*
 * Deep Q-learning (Mnih et al., 2015): an online Q-network trained on minibatches drawn from a
 * replay buffer towards targets computed by a periodically copied target network, with
 * epsilon-greedy exploration decaying linearly. With doubleDqn the next action is chosen by the
 * online network and valued by the target network (van Hasselt, Guez and Silver, 2016).
 * Truncated episodes (time or data limits) bootstrap from the next state; only terminal states
 * do not.
 *
 * Three independent random sources derive from the seed: network initialisation, exploration and
 * replay sampling, so changing one use never shifts the others. Everything in the step loop
 * works on preallocated arrays.
 */
final class DqnAgent implements LearningAgent {
  private final String name;
  private final SingleThreadGuard guard = new SingleThreadGuard("this agent");
  private final DqnConfig config;
  private final DenseNetwork online;
  private final DenseNetwork target;
  private final AdamOptimizer optimizer;
  private final ReplayBuffer buffer;
  private final SplittableRandom exploration;
  private final SplittableRandom sampling;
  private final int actionCount;
  private final double[] sampleObservation;
  private final double[] sampleNext;
  private final double[] outputGradient;
  private long totalSteps;

  DqnAgent(String name, DqnConfig config, int observationSize, int actionCount, long seed) {
    this.name = name;
    this.config = config;
    this.actionCount = actionCount;
    SplittableRandom seeds = new SplittableRandom(seed);
    int[] hidden = config.hiddenSizes().stream().mapToInt(Integer::intValue).toArray();
    online =
        DenseNetwork.perceptron(
            observationSize, hidden, Activation.RELU, actionCount, seeds.nextLong());
    target = online.copy();
    exploration = new SplittableRandom(seeds.nextLong());
    sampling = new SplittableRandom(seeds.nextLong());
    optimizer = new AdamOptimizer(online.parameterCount(), config.learningRate());
    buffer = new ReplayBuffer(config.bufferSize(), observationSize);
    sampleObservation = new double[observationSize];
    sampleNext = new double[observationSize];
    outputGradient = new double[actionCount];
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int act(double[] observation) {
    guard.enter();
    try {
      return online.argmax(observation);
    } finally {
      guard.exit();
    }
  }

  @Override
  public DenseNetwork model() {
    guard.enter();
    try {
      return online.copy();
    } finally {
      guard.exit();
    }
  }

  @Override
  public String weightsHash() {
    guard.enter();
    try {
      return online.weightsHash();
    } finally {
      guard.exit();
    }
  }

  double epsilon() {
    double progress = Math.min(1.0, (double) totalSteps / config.explorationSteps());
    return config.initialEpsilon() + progress * (config.finalEpsilon() - config.initialEpsilon());
  }

  @Override
  public TrainingResult train(Environment environment, long steps, TrainingListener listener) {
    Checks.atLeast("steps", steps, 1);
    guard.enter();
    try {
      return trainGuarded(environment, steps, listener);
    } finally {
      guard.exit();
    }
  }

  private TrainingResult trainGuarded(
      Environment environment, long steps, TrainingListener listener) {
    checkShape(environment);
    double[] observation = new double[environment.observationSize()];
    double[] next = new double[environment.observationSize()];
    environment.reset(observation);
    double episodeReturn = 0;
    long episodes = 0;
    for (long step = 1; step <= steps; step++) {
      int action =
          exploration.nextDouble() < epsilon()
              ? exploration.nextInt(actionCount)
              : online.argmax(observation);
      double reward = environment.step(action, next);
      buffer.add(observation, action, reward, next, environment.terminated());
      episodeReturn += reward;
      totalSteps++;
      boolean stop = false;
      if (environment.done()) {
        episodes++;
        stop = listener.episodeEnded(step, episodeReturn);
        episodeReturn = 0;
        environment.reset(next);
      }
      double[] swap = observation;
      observation = next;
      next = swap;
      if (stop) {
        listener.progress(step);
        return new TrainingResult(step, episodes, true);
      }
      learn();
      if (step % 1_000 == 0) {
        listener.progress(step);
      }
    }
    listener.progress(steps);
    return new TrainingResult(steps, episodes, false);
  }

  private void checkShape(Environment environment) {
    if (environment.observationSize() != online.inputSize()
        || environment.actionCount() != actionCount) {
      throw new IllegalArgumentException(
          "agent expects observations of "
              + online.inputSize()
              + " values and "
              + actionCount
              + " actions, environment has "
              + environment.observationSize()
              + " and "
              + environment.actionCount());
    }
  }

  private void learn() {
    if (totalSteps >= config.learningStarts() && totalSteps % config.trainFrequency() == 0) {
      for (int g = 0; g < config.gradientSteps(); g++) {
        gradientStep();
      }
    }
    if (totalSteps % config.targetUpdateInterval() == 0) {
      target.copyParametersFrom(online);
    }
  }

  private void gradientStep() {
    online.zeroGradients();
    double scale = 1.0 / config.batchSize();
    for (int b = 0; b < config.batchSize(); b++) {
      int index = buffer.sample(sampling);
      double tdTarget = buffer.reward(index);
      if (!buffer.terminal(index)) {
        buffer.nextObservation(index, sampleNext);
        double nextValue;
        if (config.doubleDqn()) {
          int best = online.argmax(sampleNext);
          nextValue = target.forward(sampleNext)[best];
        } else {
          double[] values = target.forward(sampleNext);
          nextValue = values[DenseNetwork.indexOfMax(values)];
        }
        tdTarget += config.gamma() * nextValue;
      }
      buffer.observation(index, sampleObservation);
      int action = buffer.action(index);
      double prediction = online.forward(sampleObservation)[action];
      Arrays.fill(outputGradient, 0);
      outputGradient[action] = config.loss().derivative(prediction - tdTarget) * scale;
      online.backward(outputGradient);
    }
    online.clipGradients(config.maxGradientNorm());
    optimizer.step(online.parameters(), online.gradients());
  }
}
