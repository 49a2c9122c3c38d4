package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BaselinesTest {

  @Test
  void buyAndHold_earnsThePriceMoveMinusOneEntryCost() {
    PriceSeries series = TestSeries.randomWalk(5, 120, false);
    TradingEnvironment environment =
        TradingEnvironment.builder(series).costs(new Costs(10, 0)).build();

    BacktestResult result = Backtester.run(Agents.buyAndHold(), environment);

    // Close-only: the first fill is the close after the first decision, held to the end.
    int firstFill = series.indexOnOrAfter(result.dates().get(0)) + 1;
    double expected =
        (1 - 0.001) * series.bar(series.size() - 1).close() / series.bar(firstFill).close();
    assertEquals(expected - 1, result.metrics().totalReturn(), 1e-12);
    assertEquals(1, result.trades().size());
    assertEquals(1.0, result.metrics().exposure());
  }

  @Test
  void random_isReproducibleForASeedAndUsesEveryAction() {
    Agent first = Agents.random(3, 3);
    Agent second = Agents.random(3, 3);
    int[] counts = new int[3];
    for (int i = 0; i < 300; i++) {
      int action = first.act(new double[0]);
      assertEquals(action, second.act(new double[0]));
      counts[action]++;
    }
    assertTrue(counts[0] > 50 && counts[1] > 50 && counts[2] > 50);
  }

  @Test
  void movingAverageCrossover_followsTheSignOfTheCrossoverFeature() {
    TradingEnvironment environment =
        TradingEnvironment.builder(TestSeries.randomWalk(8, 200, true)).build();
    Agent crossover = Agents.movingAverageCrossover(environment, true);
    Agent longOnly = Agents.movingAverageCrossover(environment, false);
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);
    int index = environment.crossoverFeatureIndex();
    int longs = 0;
    int shorts = 0;
    while (!environment.done()) {
      int action = crossover.act(observation);
      assertEquals(
          observation[index] > 0 ? TradingEnvironment.LONG : TradingEnvironment.SHORT, action);
      assertEquals(
          observation[index] > 0 ? TradingEnvironment.LONG : TradingEnvironment.FLAT,
          longOnly.act(observation));
      longs += action == TradingEnvironment.LONG ? 1 : 0;
      shorts += action == TradingEnvironment.SHORT ? 1 : 0;
      environment.step(action, observation);
    }
    assertTrue(longs > 0 && shorts > 0, "longs " + longs + ", shorts " + shorts);
  }
}
