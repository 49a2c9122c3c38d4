package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingEnvironmentTest {
  private static final LocalDate MONDAY = LocalDate.of(2021, 3, 1);

  /** Bars with opens: day i has open o[i] and close c[i]. */
  private static PriceSeries bars(double[] opens, double[] closes) {
    List<Bar> list = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      double high = Math.max(opens[i], closes[i]);
      double low = Math.min(opens[i], closes[i]);
      list.add(new Bar(MONDAY.plusDays(i), opens[i], high, low, closes[i], 0));
    }
    return PriceSeries.of("hand", list);
  }

  private static TradingEnvironment small(PriceSeries series, Costs costs) {
    return TradingEnvironment.builder(series)
        .window(2)
        .movingAverages(2, 3)
        .volatilityWindow(2)
        .costs(costs)
        .build();
  }

  @Test
  void step_decisionAtT_fillsAtNextOpenAndEarnsToNextClose() {
    double[] opens = {10, 10, 10, 11, 12, 12};
    double[] closes = {10, 10, 10, 12, 13, 12};
    TradingEnvironment environment = small(bars(opens, closes), Costs.none());
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);

    assertEquals(MONDAY.plusDays(2), environment.decisionDate());
    double reward = environment.step(TradingEnvironment.LONG, observation);

    // Flat until the fill at 11 (the open of bar 3), then long from 11 to the close of 12.
    assertEquals(12.0 / 11 - 1, reward, 1e-15);
    assertEquals(MONDAY.plusDays(3), environment.lastStepDate());
    assertEquals(11, environment.lastFillPrice());

    // Held long: close 12 to open 12, then flat from the open: earns nothing more.
    double second = environment.step(TradingEnvironment.FLAT, observation);
    assertEquals(0, second, 1e-15);
  }

  @Test
  void step_costsArePaidOnBothSidesOfARoundTrip() {
    double[] flat = {10, 10, 10, 10, 10, 10};
    TradingEnvironment environment = small(bars(flat, flat), new Costs(10, 5));
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);

    double open = environment.step(TradingEnvironment.LONG, observation);
    double flip = environment.step(TradingEnvironment.SHORT, observation);
    double close = environment.step(TradingEnvironment.FLAT, observation);

    assertEquals(-0.0015, open, 1e-15);
    assertEquals(-0.0030, flip, 1e-15);
    assertEquals(-0.0015, close, 1e-15);
  }

  @Test
  void episode_endsWhenTheLastFillBarIsUsed_andIsATruncation() {
    double[] prices = {10, 11, 12, 13, 14, 15, 16};
    TradingEnvironment environment = small(bars(prices, prices), Costs.none());
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);
    int steps = 0;
    while (!environment.done()) {
      environment.step(TradingEnvironment.FLAT, observation);
      steps++;
    }

    assertEquals(environment.episodeLength(), steps);
    assertEquals(4, steps);
    assertTrue(environment.truncated());
    assertEquals(false, environment.terminated());
    assertEquals(MONDAY.plusDays(6), environment.lastStepDate());
    assertThrows(IllegalStateException.class, () -> environment.step(1, observation));
  }

  @Test
  void builder_dateRange_limitsDecisionsAndFills() {
    PriceSeries series = TestSeries.randomWalk(3, 200, true);
    LocalDate from = series.bar(100).date();
    LocalDate to = series.bar(150).date();
    TradingEnvironment environment = TradingEnvironment.builder(series).from(from).to(to).build();
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);

    assertEquals(from, environment.decisionDate());
    assertEquals(50, environment.episodeLength());
    while (!environment.done()) {
      environment.step(TradingEnvironment.LONG, observation);
    }
    assertEquals(to, environment.lastStepDate());
  }

  @Test
  void builder_rejectsOptionsSetTwiceAndRangesWithoutRoom() {
    PriceSeries series = TestSeries.randomWalk(3, 40, false);
    TradingEnvironment.Builder builder = TradingEnvironment.builder(series).window(5);

    assertEquals(
        "window was already set to 5",
        assertThrows(IllegalStateException.class, () -> builder.window(6)).getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TradingEnvironment.builder(series).movingAverages(10, 5));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TradingEnvironment.builder(series).to(series.bar(20).date()).build());
    assertTrue(e.getMessage().contains("decisions need 29 earlier bars"), e.getMessage());
  }

  @Test
  void step_rejectsActionsOutOfRange() {
    TradingEnvironment environment =
        TradingEnvironment.builder(TestSeries.randomWalk(1, 60, false)).build();
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);

    assertEquals(
        "trading action must be 0, 1 or 2, got 3",
        assertThrows(IllegalArgumentException.class, () -> environment.step(3, observation))
            .getMessage());
  }

  @Test
  void observation_endsWithThePositionHeld() {
    TradingEnvironment environment =
        TradingEnvironment.builder(TestSeries.randomWalk(1, 60, false)).build();
    double[] observation = new double[environment.observationSize()];
    environment.reset(observation);

    environment.step(TradingEnvironment.SHORT, observation);

    assertEquals(-1, observation[observation.length - 1]);
    assertEquals(-1, environment.position());
  }
}
