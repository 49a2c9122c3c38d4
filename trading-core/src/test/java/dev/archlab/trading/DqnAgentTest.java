package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DqnAgentTest implements LearningAgentContract {

  @Override
  public LearningAgent agent(int observationSize, int actionCount, long seed) {
    return Agents.dqn(
        DqnConfig.trading().withExplorationSteps(2_000), observationSize, actionCount, seed);
  }

  @Test
  void epsilon_fallsLinearlyToItsFinalValue() {
    DqnConfig config = DqnConfig.cartPole().withExplorationSteps(100);
    DqnAgent agent = (DqnAgent) Agents.dqn(config, 4, 2, 1);
    assertEquals(1.0, agent.epsilon());

    agent.train(Environments.cartPole(1), 50, TrainingListener.none());
    assertEquals(1.0 + 0.5 * (0.04 - 1.0), agent.epsilon(), 1e-12);

    agent.train(Environments.cartPole(1), 500, TrainingListener.none());
    assertEquals(0.04, agent.epsilon(), 1e-12);
  }

  @Test
  void name_saysWhetherItIsDoubleDqn() {
    assertEquals("double-dqn", Agents.dqn(DqnConfig.cartPole(), 4, 2, 1).name());
    assertEquals("dqn", Agents.dqn(DqnConfig.cartPole().withDoubleDqn(false), 4, 2, 1).name());
  }
}
