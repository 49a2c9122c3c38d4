package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Proof that the agents learn, on the budgets of the public Stable-Baselines3 zoo: a greedy mean
 * return of at least 475 over 100 evaluation episodes, within 50,000 environment steps for DQN and
 * 500,000 for the policy-gradient agent, in at least 8 of 10 seeds. Seeds run one after another,
 * each single-threaded.
 */
class CartPoleProofTest {
  private static final int SEEDS = 10;
  private static final int REQUIRED = 8;

  private static List<CartPoleProof.Outcome> runSeeds(
      LongFunction<LearningAgent> agent, long budget, long evaluationSpacing) {
    List<CartPoleProof.Outcome> outcomes = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      outcomes.add(CartPoleProof.run(agent, seed, budget, evaluationSpacing));
    }
    return outcomes;
  }

  private static void assertSolvedOften(
      String agent, List<CartPoleProof.Outcome> outcomes, long budget) throws IOException {
    // Kept beside the build output so that docs/trading.md can quote the latest run.
    StringBuilder report = new StringBuilder(agent + ", budget " + budget + " steps\n");
    outcomes.forEach(o -> report.append(o).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "cartpole-proof-" + agent + ".txt"), report.toString());
    long solved = outcomes.stream().filter(CartPoleProof.Outcome::solved).count();
    assertTrue(
        solved >= REQUIRED,
        solved + " of " + SEEDS + " seeds solved within " + budget + " steps: " + outcomes);
    outcomes.stream()
        .filter(CartPoleProof.Outcome::solved)
        .forEach(o -> assertTrue(o.steps() <= budget && o.bestEvaluation() >= 475, o.toString()));
  }

  @Test
  void dqn_reaches475Within50000Steps_inAtLeast8Of10Seeds() throws IOException {
    long budget = 50_000;

    List<CartPoleProof.Outcome> outcomes =
        runSeeds(seed -> Agents.dqn(DqnConfig.cartPole(), 4, 2, seed), budget, 1_000);

    assertSolvedOften("dqn", outcomes, budget);
  }

  @Test
  void policyGradient_reaches475Within500000Steps_inAtLeast8Of10Seeds() throws IOException {
    long budget = 500_000;

    List<CartPoleProof.Outcome> outcomes =
        runSeeds(
            seed -> Agents.policyGradient(PolicyGradientConfig.cartPole(), 4, 2, seed),
            budget,
            5_000);

    assertSolvedOften("reinforce", outcomes, budget);
  }

  @Test
  void untrainedAgents_doNotSolveCartPole() {
    // The control for the two proofs: without training no seed gets near 475, so the proofs
    // measure learning, not a lucky initialisation or a lenient evaluation.
    for (long seed = 1; seed <= SEEDS; seed++) {
      double dqn = CartPoleProof.evaluate(Agents.dqn(DqnConfig.cartPole(), 4, 2, seed), seed, 20);
      double pg =
          CartPoleProof.evaluate(
              Agents.policyGradient(PolicyGradientConfig.cartPole(), 4, 2, seed), seed, 20);
      assertTrue(dqn < 300 && pg < 300, "seed " + seed + ": dqn " + dqn + ", pg " + pg);
    }
  }
}
