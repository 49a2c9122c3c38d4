package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backtester's equity curve and metrics against values computed independently by {@code
 * fixtures/make_fixtures.py} (plain Python, no shared code), to 1e-9.
 */
class BacktestFixtureTest {
  private static final double TOLERANCE = 1e-9;

  /** Replays a fixed action script. */
  private static final class ScriptedAgent implements Agent {
    private final int[] actions;
    private int next;

    ScriptedAgent(int[] actions) {
      this.actions = actions;
    }

    @Override
    public String name() {
      return "script";
    }

    @Override
    public int act(double[] observation) {
      return actions[next++];
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ohlc_costs", "close_only"})
  void backtest_matchesIndependentlyComputedEquityAndMetrics(String fixture) {
    PriceSeries series = TestSeries.fixture(fixture + "_bars.csv");
    int[] actions =
        TestSeries.rows(fixture + "_actions.csv", true).stream()
            .mapToInt(row -> Integer.parseInt(row[1]))
            .toArray();
    List<String[]> equityRows = TestSeries.rows(fixture + "_equity.csv", true);
    Map<String, Double> expected = new HashMap<>();
    for (String[] row : TestSeries.rows(fixture + "_metrics.csv", false)) {
      expected.put(row[0], Double.parseDouble(row[1]));
    }
    TradingEnvironment environment =
        TradingEnvironment.builder(series)
            .window(2)
            .movingAverages(2, 3)
            .volatilityWindow(2)
            .costs(new Costs(expected.get("costBps"), 0))
            .build();

    BacktestResult result = Backtester.run(new ScriptedAgent(actions), environment);

    assertEquals(actions.length, environment.episodeLength());
    assertEquals(equityRows.size(), result.equity().size());
    for (int i = 0; i < equityRows.size(); i++) {
      assertEquals(
          Double.parseDouble(equityRows.get(i)[1]),
          result.equity().get(i),
          TOLERANCE,
          "equity at step " + i);
    }
    Metrics m = result.metrics();
    assertEquals(expected.get("periods"), m.periods());
    assertEquals(expected.get("totalReturn"), m.totalReturn(), TOLERANCE, "totalReturn");
    assertEquals(expected.get("cagr"), m.cagr(), TOLERANCE, "cagr");
    assertEquals(expected.get("annualVolatility"), m.annualVolatility(), TOLERANCE, "volatility");
    assertEquals(expected.get("sharpe"), m.sharpe(), TOLERANCE, "sharpe");
    assertEquals(expected.get("sortino"), m.sortino(), TOLERANCE, "sortino");
    assertEquals(expected.get("maxDrawdown"), m.maxDrawdown(), TOLERANCE, "maxDrawdown");
    assertEquals(expected.get("calmar"), m.calmar(), TOLERANCE, "calmar");
    assertEquals(expected.get("turnover"), m.turnover(), TOLERANCE, "turnover");
    assertEquals(expected.get("exposure"), m.exposure(), TOLERANCE, "exposure");
    assertEquals(expected.get("hitRate"), m.hitRate(), TOLERANCE, "hitRate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ohlc_costs", "close_only"})
  void backtest_tradesListEveryPositionChangeAtItsFillPrice(String fixture) {
    PriceSeries series = TestSeries.fixture(fixture + "_bars.csv");
    int[] actions =
        TestSeries.rows(fixture + "_actions.csv", true).stream()
            .mapToInt(row -> Integer.parseInt(row[1]))
            .toArray();
    TradingEnvironment environment =
        TradingEnvironment.builder(series)
            .window(2)
            .movingAverages(2, 3)
            .volatilityWindow(2)
            .build();

    BacktestResult result = Backtester.run(new ScriptedAgent(actions), environment);

    int changes = 0;
    double position = 0;
    for (int action : actions) {
      changes += TradingEnvironment.positionOf(action) != position ? 1 : 0;
      position = TradingEnvironment.positionOf(action);
    }
    assertEquals(changes, result.trades().size());
    for (Trade trade : result.trades()) {
      Bar fillBar = series.bar(series.indexOnOrAfter(trade.date()));
      assertEquals(fillBar.hasOpen() ? fillBar.open() : fillBar.close(), trade.price());
    }
  }
}
