package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Rewriting every bar after t never changes what an agent saw, did or earned up to t: the
 * observations of decisions taken at bars up to t, the actions, and the rewards of steps that
 * filled by t.
 */
class NoLookAheadProperties {

  @Property(tries = 60)
  void barsAfterT_neverChangeObservationsActionsOrRewardsUpToT(
      @ForAll long seed,
      @ForAll @IntRange(min = 40, max = 90) int length,
      @ForAll @IntRange(min = 0, max = 1000) int cutPermille,
      @ForAll boolean withOpen,
      @ForAll @IntRange(min = 0, max = 50) int costBps) {
    PriceSeries original = TestSeries.randomWalk(seed, length, withOpen);
    int cut = 31 + (length - 33) * cutPermille / 1000;
    PriceSeries rewritten = rewriteAfter(original, cut, seed ^ 0x9E3779B97F4A7C15L);
    // A policy that depends on the observation, so a leak would show up in the actions.
    DenseNetwork policy = DenseNetwork.perceptron(13, new int[] {8}, Activation.TANH, 3, seed);

    Run before = play(original, policy, costBps);
    Run after = play(rewritten, policy, costBps);

    int firstDecision = original.indexOnOrAfter(before.firstDecisionDate());
    for (int step = 0; firstDecision + step <= cut && step < before.actions.size(); step++) {
      assertArrayEquals(
          before.observations.get(step),
          after.observations.get(step),
          "observation at decision bar " + (firstDecision + step) + ", cut " + cut);
      assertEquals(before.actions.get(step), after.actions.get(step), "action at step " + step);
      if (firstDecision + step + 1 <= cut) {
        assertEquals(
            Double.doubleToLongBits(before.rewards.get(step)),
            Double.doubleToLongBits(after.rewards.get(step)),
            "reward of step " + step + " filled at bar " + (firstDecision + step + 1));
      }
    }
  }

  @Property(tries = 30)
  void rewritingBarT_changesTheObservationAtT(
      @ForAll long seed, @ForAll @IntRange(min = 40, max = 60) int length) {
    // The control: the comparison above is sharp enough to see a change at the cut itself.
    PriceSeries original = TestSeries.randomWalk(seed, length, false);
    int cut = 35;
    PriceSeries rewritten = rewriteAfter(original, cut - 1, seed + 1);
    DenseNetwork policy = DenseNetwork.perceptron(13, new int[] {8}, Activation.TANH, 3, seed);

    Run before = play(original, policy, 0);
    Run after = play(rewritten, policy, 0);

    int step = cut - original.indexOnOrAfter(before.firstDecisionDate());
    assertEquals(
        false,
        java.util.Arrays.equals(before.observations.get(step), after.observations.get(step)));
  }

  private record Run(
      List<double[]> observations,
      List<Integer> actions,
      List<Double> rewards,
      java.time.LocalDate firstDecisionDate) {}

  private static Run play(PriceSeries series, DenseNetwork policy, int costBps) {
    TradingEnvironment environment =
        TradingEnvironment.builder(series).costs(new Costs(costBps, costBps / 2.0)).build();
    List<double[]> observations = new ArrayList<>();
    List<Integer> actions = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);
    java.time.LocalDate first = environment.decisionDate();
    while (!environment.done()) {
      observations.add(observation.clone());
      int action = policy.argmax(observation);
      actions.add(action);
      rewards.add(environment.step(action, observation));
    }
    return new Run(observations, actions, rewards, first);
  }

  /** The same dates, with every bar after index {@code cut} replaced by a different valid one. */
  private static PriceSeries rewriteAfter(PriceSeries series, int cut, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Bar> bars = new ArrayList<>(series.bars().subList(0, cut + 1));
    for (int i = cut + 1; i < series.size(); i++) {
      Bar old = series.bar(i);
      double close = old.close() * (0.5 + random.nextDouble());
      if (old.hasOpen()) {
        double open = close * (0.9 + 0.2 * random.nextDouble());
        bars.add(
            new Bar(
                old.date(),
                open,
                Math.max(open, close) * 1.01,
                Math.min(open, close) * 0.99,
                close,
                old.volume()));
      } else {
        bars.add(Bar.ofClose(old.date(), close));
      }
    }
    return PriceSeries.of(series.name() + "-rewritten", bars);
  }
}
