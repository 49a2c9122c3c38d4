package dev.archlab.trading;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of one {@link Backtester} run. Immutable.
 *
 * @param agent name of the agent
 * @param dates the first decision date, then the date each step's return was realised
 * @param equity account equity on those dates, starting at 1
 * @param positions position held after each step's fill (one fewer than {@code dates})
 * @param trades every position change in order
 * @param metrics metrics of the equity curve
 * @since 0.1
 */
public record BacktestResult(
    String agent,
    List<LocalDate> dates,
    List<Double> equity,
    List<Double> positions,
    List<Trade> trades,
    Metrics metrics) {

  /** Copies the lists. */
  public BacktestResult {
    dates = List.copyOf(dates);
    equity = List.copyOf(equity);
    positions = List.copyOf(positions);
    trades = List.copyOf(trades);
  }
}
