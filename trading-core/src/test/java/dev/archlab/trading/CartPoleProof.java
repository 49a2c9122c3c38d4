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
    TrainingListener listener =
        (steps, episodeReturn) -> {
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
}
