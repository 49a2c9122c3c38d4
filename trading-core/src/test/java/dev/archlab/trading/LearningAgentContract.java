package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every {@link LearningAgent} must do. A new agent gets these checks by implementing this
 * interface in a test class and returning a fresh agent from {@link #agent}.
 */
interface LearningAgentContract {

  /** A fresh agent for environments with these shapes. */
  LearningAgent agent(int observationSize, int actionCount, long seed);

  /** Steps of trading training the reproducibility checks use. */
  default long trainingSteps() {
    return 3_000;
  }

  private TradingEnvironment environment() {
    return TradingEnvironment.builder(TestSeries.randomWalk(77, 300, true))
        .costs(new Costs(5, 5))
        .build();
  }

  /** A trained agent's weights hash, backtest and training summary. */
  record Trained(String hash, BacktestResult backtest, TrainingResult training) {}

  private Trained trainAndBacktest(long seed) {
    TradingEnvironment environment = environment();
    LearningAgent agent = agent(environment.observationSize(), environment.actionCount(), seed);
    TrainingResult training = agent.train(environment, trainingSteps(), TrainingListener.none());
    return new Trained(agent.weightsHash(), Backtester.run(agent, environment), training);
  }

  @Test
  default void sameSeedDataAndConfig_giveIdenticalWeightsTradesAndMetrics() {
    Trained first = trainAndBacktest(2024);
    Trained second = trainAndBacktest(2024);

    assertEquals(first.hash(), second.hash());
    assertEquals(first.backtest().trades(), second.backtest().trades());
    assertEquals(first.backtest().metrics(), second.backtest().metrics());
    assertEquals(first.backtest().equity(), second.backtest().equity());
    assertEquals(first.training(), second.training());
  }

  @Test
  default void anotherSeed_givesOtherWeights() {
    assertNotEquals(trainAndBacktest(1).hash(), trainAndBacktest(2).hash());
  }

  @Test
  default void training_changesTheWeights() {
    TradingEnvironment environment = environment();
    LearningAgent agent = agent(environment.observationSize(), environment.actionCount(), 5);
    String before = agent.weightsHash();

    agent.train(environment, trainingSteps(), TrainingListener.none());

    assertNotEquals(before, agent.weightsHash());
  }

  @Test
  default void savedModel_actsExactlyLikeTheAgent() {
    TradingEnvironment environment = environment();
    LearningAgent agent = agent(environment.observationSize(), environment.actionCount(), 9);
    agent.train(environment, trainingSteps(), TrainingListener.none());

    Agent restored = Agents.greedy("restored", DenseNetwork.fromJson(agent.model().toJson()));

    assertEquals(
        Backtester.run(agent, environment).trades(),
        Backtester.run(restored, environment).trades());
  }

  @Test
  default void listener_canStopTrainingAndHearsProgress() {
    Environment cartPole = Environments.cartPole(3);
    LearningAgent agent = agent(4, 2, 3);
    long[] progress = {0};
    TrainingListener stopAfterThreeEpisodes =
        new TrainingListener() {
          int episodes;

          @Override
          public boolean episodeEnded(long steps, double episodeReturn) {
            return ++episodes == 3;
          }

          @Override
          public void progress(long steps) {
            progress[0] = steps;
          }
        };

    TrainingResult result = agent.train(cartPole, 100_000, stopAfterThreeEpisodes);

    assertTrue(result.stoppedEarly());
    assertEquals(3, result.episodes());
    assertEquals(result.steps(), progress[0]);
  }

  @Test
  default void wrongEnvironmentShape_isRejected() {
    LearningAgent agent = agent(5, 3, 1);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> agent.train(Environments.cartPole(1), 10, TrainingListener.none()));
    assertTrue(e.getMessage().contains("environment has 4 and 2"), e.getMessage());
  }

  @Test
  default void act_returnsAValidAction() {
    LearningAgent agent = agent(4, 2, 1);
    Environment cartPole = Environments.cartPole(1);
    double[] observation = new double[4];
    cartPole.reset(observation);
    for (int i = 0; i < 50 && !cartPole.done(); i++) {
      int action = agent.act(observation);
      assertTrue(action == 0 || action == 1, "action " + action);
      cartPole.step(action, observation);
    }
  }
}
