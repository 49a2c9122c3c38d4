package dev.archlab.trading;

import java.util.Arrays;
import java.util.SplittableRandom;

/*
 * REINFORCE with a learned baseline (Williams, 1992; Sutton and Barto, 2018, section 13.4): a
 * softmax policy network samples actions for whole episodes; after a batch of episodes each
 * action's log-probability is pushed up in proportion to its advantage, the discounted return
 * minus a value network's estimate, normalised over the batch. An entropy bonus (Williams and
 * Peng, 1991) keeps the policy from collapsing early. The value network is fitted to the returns
 * by mean squared error. Evaluation (act) takes the most probable action.
 *
 * Random sources: policy initialisation, value initialisation and action sampling, each derived
 * from the seed. The batch arrays grow by doubling, so a long training run stops allocating once
 * the longest batch has been seen.
 */
final class PolicyGradientAgent implements LearningAgent {
  private final String name;
  private final SingleThreadGuard guard = new SingleThreadGuard("this agent");
  private final PolicyGradientConfig config;
  private final DenseNetwork policy;
  private final DenseNetwork value;
  private final AdamOptimizer policyOptimizer;
  private final AdamOptimizer valueOptimizer;
  private final SplittableRandom sampling;
  private final int observationSize;
  private final int actionCount;
  private final double[] probabilities;
  private final double[] logitGradient;
  private final double[] valueGradient = new double[1];
  private final double[] row;

  private double[] observations;
  private int[] actions;
  private double[] rewards;
  private double[] returns;
  private double[] advantages;
  private final int[] episodeEnds;
  private int stored;
  private int storedEpisodes;

  PolicyGradientAgent(
      String name, PolicyGradientConfig config, int observationSize, int actionCount, long seed) {
    this.name = name;
    this.config = config;
    this.observationSize = observationSize;
    this.actionCount = actionCount;
    SplittableRandom seeds = new SplittableRandom(seed);
    int[] hidden = config.hiddenSizes().stream().mapToInt(Integer::intValue).toArray();
    policy =
        DenseNetwork.perceptron(
            observationSize, hidden, Activation.TANH, actionCount, seeds.nextLong());
    value = DenseNetwork.perceptron(observationSize, hidden, Activation.TANH, 1, seeds.nextLong());
    sampling = new SplittableRandom(seeds.nextLong());
    scaleOutputWeights(policy, 0.01);
    policyOptimizer = new AdamOptimizer(policy.parameterCount(), config.policyLearningRate());
    valueOptimizer = new AdamOptimizer(value.parameterCount(), config.valueLearningRate());
    probabilities = new double[actionCount];
    logitGradient = new double[actionCount];
    row = new double[observationSize];
    int capacity = 4_096;
    observations = new double[capacity * observationSize];
    actions = new int[capacity];
    rewards = new double[capacity];
    returns = new double[capacity];
    advantages = new double[capacity];
    episodeEnds = new int[config.episodesPerUpdate()];
  }

  /** Starts the policy near uniform, as small output weights do for policy-gradient methods. */
  private static void scaleOutputWeights(DenseNetwork network, double factor) {
    double[] parameters = network.parameters();
    int outputs = network.outputSize();
    int layerCount = network.layers().size();
    int inputs = layerCount > 1 ? network.layers().get(layerCount - 2).size() : network.inputSize();
    int start = parameters.length - outputs - outputs * inputs;
    for (int i = start; i < parameters.length - outputs; i++) {
      parameters[i] *= factor;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int act(double[] observation) {
    guard.enter();
    try {
      return policy.argmax(observation);
    } finally {
      guard.exit();
    }
  }

  @Override
  public DenseNetwork model() {
    guard.enter();
    try {
      return policy.copy();
    } finally {
      guard.exit();
    }
  }

  @Override
  public String weightsHash() {
    guard.enter();
    try {
      return policy.weightsHash() + value.weightsHash();
    } finally {
      guard.exit();
    }
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
    if (environment.observationSize() != observationSize
        || environment.actionCount() != actionCount) {
      throw new IllegalArgumentException(
          "agent expects observations of "
              + observationSize
              + " values and "
              + actionCount
              + " actions, environment has "
              + environment.observationSize()
              + " and "
              + environment.actionCount());
    }
    double[] observation = new double[observationSize];
    environment.reset(observation);
    stored = 0;
    storedEpisodes = 0;
    double episodeReturn = 0;
    long episodes = 0;
    for (long step = 1; step <= steps; step++) {
      int action = sample(observation);
      store(observation, action);
      double reward = environment.step(action, observation);
      rewards[stored - 1] = reward;
      episodeReturn += reward;
      boolean stop = false;
      if (environment.done()) {
        episodes++;
        episodeEnds[storedEpisodes++] = stored;
        stop = listener.episodeEnded(step, episodeReturn);
        episodeReturn = 0;
        environment.reset(observation);
        if (!stop && storedEpisodes == config.episodesPerUpdate()) {
          update();
          stored = 0;
          storedEpisodes = 0;
        }
      }
      if (stop) {
        listener.progress(step);
        return new TrainingResult(step, episodes, true);
      }
      if (step % 1_000 == 0) {
        listener.progress(step);
      }
    }
    listener.progress(steps);
    return new TrainingResult(steps, episodes, false);
  }

  private int sample(double[] observation) {
    softmax(policy.forward(observation), probabilities);
    double u = sampling.nextDouble();
    double cumulative = 0;
    for (int a = 0; a < actionCount - 1; a++) {
      cumulative += probabilities[a];
      if (u < cumulative) {
        return a;
      }
    }
    return actionCount - 1;
  }

  static void softmax(double[] logits, double[] into) {
    double max = logits[0];
    for (int i = 1; i < into.length; i++) {
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < into.length; i++) {
      into[i] = StrictMath.exp(logits[i] - max);
      sum += into[i];
    }
    for (int i = 0; i < into.length; i++) {
      into[i] /= sum;
    }
  }

  private void store(double[] observation, int action) {
    if (stored == actions.length) {
      int capacity = actions.length * 2;
      observations = Arrays.copyOf(observations, capacity * observationSize);
      actions = Arrays.copyOf(actions, capacity);
      rewards = Arrays.copyOf(rewards, capacity);
      returns = Arrays.copyOf(returns, capacity);
      advantages = Arrays.copyOf(advantages, capacity);
    }
    System.arraycopy(observation, 0, observations, stored * observationSize, observationSize);
    actions[stored] = action;
    stored++;
  }

  private void update() {
    computeReturnsAndAdvantages();
    double scale = 1.0 / stored;

    // Value baseline: mean squared error against the observed returns.
    value.zeroGradients();
    for (int t = 0; t < stored; t++) {
      System.arraycopy(observations, t * observationSize, row, 0, observationSize);
      valueGradient[0] = (value.forward(row)[0] - returns[t]) * scale;
      value.backward(valueGradient);
    }
    value.clipGradients(config.maxGradientNorm());
    valueOptimizer.step(value.parameters(), value.gradients());

    // Policy: minimise -(advantage * log pi(a|s) + entropy coefficient * entropy).
    policy.zeroGradients();
    double beta = config.entropyCoefficient();
    for (int t = 0; t < stored; t++) {
      System.arraycopy(observations, t * observationSize, row, 0, observationSize);
      softmax(policy.forward(row), probabilities);
      double entropy = 0;
      for (double p : probabilities) {
        entropy -= p > 0 ? p * StrictMath.log(p) : 0;
      }
      for (int a = 0; a < actionCount; a++) {
        double p = probabilities[a];
        double policyTerm = advantages[t] * (p - (a == actions[t] ? 1 : 0));
        double entropyTerm = p > 0 ? beta * p * (StrictMath.log(p) + entropy) : 0;
        logitGradient[a] = (policyTerm + entropyTerm) * scale;
      }
      policy.backward(logitGradient);
    }
    policy.clipGradients(config.maxGradientNorm());
    policyOptimizer.step(policy.parameters(), policy.gradients());
  }

  private void computeReturnsAndAdvantages() {
    int start = 0;
    for (int e = 0; e < storedEpisodes; e++) {
      int end = episodeEnds[e];
      double running = 0;
      for (int t = end - 1; t >= start; t--) {
        running = rewards[t] + config.gamma() * running;
        returns[t] = running;
      }
      start = end;
    }
    double mean = 0;
    for (int t = 0; t < stored; t++) {
      System.arraycopy(observations, t * observationSize, row, 0, observationSize);
      advantages[t] = returns[t] - value.forward(row)[0];
      mean += advantages[t];
    }
    mean /= stored;
    double squares = 0;
    for (int t = 0; t < stored; t++) {
      squares += (advantages[t] - mean) * (advantages[t] - mean);
    }
    double deviation = Math.sqrt(squares / stored) + 1e-8;
    for (int t = 0; t < stored; t++) {
      advantages[t] = (advantages[t] - mean) / deviation;
    }
  }
}
