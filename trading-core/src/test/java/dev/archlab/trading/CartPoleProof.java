package dev.archlab.trading;

import java.util.function.LongFunction;

/**
 * Trains an agent on cart-pole and, at most once per {@code evaluationSpacing} steps at an episode
 * end, checks whether its greedy policy reaches a mean return of 475 over 100 fresh evaluation
 * episodes: the way the public RL zoos evaluate while training.
 */
final class CartPoleProof {
  static final double SOLVED = 475;
  static final int EVALUATION_EPISODES = 100;

  /** Outcome of one seed. */
  record Outcome(long seed, boolean solved, long steps, double bestEvaluation, long evaluations) {}

  private CartPoleProof() {}

  /** Mean greedy return over {@code episodes} episodes on a cart-pole seeded with {@code seed}. */
  static double evaluate(Agent agent, long seed, int episodes) {
    Environment environment = Environments.cartPole(seed);
    double[] observation = new double[4];
    double total = 0;
    for (int e = 0; e < episodes; e++) {
      environment.reset(observation);
      while (!environment.done()) {
        total += environment.step(agent.act(observation), observation);
      }
    }
    return total / episodes;
  }

  static Outcome run(
      LongFunction<LearningAgent> agentForSeed, long seed, long budget, long evaluationSpacing) {
    LearningAgent agent = agentForSeed.apply(seed);
    Environment environment = Environments.cartPole(seed ^ 0x5DEECE66DL);
    double[] best = {0};
    long[] evaluations = {0};
    long[] lastEvaluation = {-evaluationSpacing};
    boolean trace = System.getProperty("trace") != null;
    TrainingListener listener =
        (steps, episodeReturn) -> {
          if (trace) {
            System.out.printf("  %d:%.0f", steps, episodeReturn);
          }
          if (steps - lastEvaluation[0] < evaluationSpacing) {
            return false;
          }
          lastEvaluation[0] = steps;
          // A cheap screen first: most checkpoints fail within a few short episodes.
          if (evaluate(agent, seed + steps, 5) < SOLVED) {
            return false;
          }
          evaluations[0]++;
          double mean = evaluate(agent, seed * 31 + steps, EVALUATION_EPISODES);
          best[0] = Math.max(best[0], mean);
          return mean >= SOLVED;
        };
    TrainingResult result = agent.train(environment, budget, listener);
    return new Outcome(seed, result.stoppedEarly(), result.steps(), best[0], evaluations[0]);
  }

  static DqnConfig tuned() {
    DqnConfig c = DqnConfig.cartPole();
    int h = Integer.getInteger("h", c.hiddenSizes().get(0));
    return new DqnConfig(
        java.util.List.of(h, h),
        Double.parseDouble(System.getProperty("lr", "" + c.learningRate())),
        c.gamma(),
        Integer.getInteger("bs", c.batchSize()),
        c.bufferSize(),
        c.learningStarts(),
        Integer.getInteger("tf", c.trainFrequency()),
        Integer.getInteger("gs", c.gradientSteps()),
        Integer.getInteger("tu", c.targetUpdateInterval()),
        Integer.getInteger("ex", (int) c.explorationSteps()),
        c.initialEpsilon(),
        Double.parseDouble(System.getProperty("fe", "" + c.finalEpsilon())),
        !Boolean.getBoolean("single"),
        c.loss(),
        c.maxGradientNorm());
  }

  static PolicyGradientConfig tunedPg() {
    PolicyGradientConfig c = PolicyGradientConfig.cartPole();
    int h = Integer.getInteger("h", c.hiddenSizes().get(0));
    return new PolicyGradientConfig(
        java.util.List.of(h, h),
        Double.parseDouble(System.getProperty("plr", "" + c.policyLearningRate())),
        Double.parseDouble(System.getProperty("vlr", "" + c.valueLearningRate())),
        c.gamma(),
        Integer.getInteger("eps", c.episodesPerUpdate()),
        Double.parseDouble(System.getProperty("ent", "" + c.entropyCoefficient())),
        c.maxGradientNorm());
  }

  public static void main(String[] args) {
    String which = args[0];
    int first = Integer.parseInt(args[1]);
    int last = Integer.parseInt(args[2]);
    long all = System.nanoTime();
    int solved = 0;
    for (long seed = first; seed <= last; seed++) {
      long start = System.nanoTime();
      Outcome outcome =
          which.equals("dqn")
              ? run(s -> Agents.dqn(tuned(), 4, 2, s), seed, 50_000, 1_000)
              : run(s -> Agents.policyGradient(tunedPg(), 4, 2, s), seed, 500_000, 5_000);
      solved += outcome.solved() ? 1 : 0;
      System.out.printf(
          "%s seed %d: %s in %.1f s%n", which, seed, outcome, (System.nanoTime() - start) / 1e9);
    }
    System.out.printf("solved %d, total %.1f s%n", solved, (System.nanoTime() - all) / 1e9);
  }
}
