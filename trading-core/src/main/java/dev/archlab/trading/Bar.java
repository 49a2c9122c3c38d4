package dev.archlab.trading;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily price bar. Only the date and the close are required; a missing open, high, low or
 * volume is {@link Double#NaN} (close-only series are common in public data).
 *
 * <p>Immutable and thread-safe. Values are validated by the CSV reader, not here, so that the
 * reader can name the file, line and column of a bad value.
 *
 * @param date trading day
 * @param open opening price, or NaN when the source has none
 * @param high highest price, or NaN
 * @param low lowest price, or NaN
 * @param close closing price, always positive
 * @param volume traded volume, or NaN
 * @since 0.1
 */
public record Bar(
    LocalDate date, double open, double high, double low, double close, double volume) {

  /**
   * Checks the date is present, the close is a positive finite number, open, high and low are each
   * NaN or positive and finite, high is not below low, and volume is NaN or finite and not
   * negative.
   */
  public Bar {
    Objects.requireNonNull(date, "date");
    if (!(close > 0) || Double.isInfinite(close)) {
      throw new IllegalArgumentException(
          "bar " + date + ": close must be positive and finite, got " + close);
    }
    checkOptionalPrice(date, "open", open);
    checkOptionalPrice(date, "high", high);
    checkOptionalPrice(date, "low", low);
    if (high < low) {
      throw new IllegalArgumentException("bar " + date + ": high " + high + " is below low " + low);
    }
    if (volume < 0 || Double.isInfinite(volume)) {
      throw new IllegalArgumentException(
          "bar " + date + ": volume must be NaN or finite and >= 0, got " + volume);
    }
  }

  // Fills happen at the open, so an open of 0 or infinity would turn returns into NaN later.
  private static void checkOptionalPrice(LocalDate date, String field, double value) {
    if (!Double.isNaN(value) && (!(value > 0) || Double.isInfinite(value))) {
      throw new IllegalArgumentException(
          "bar " + date + ": " + field + " must be NaN or positive and finite, got " + value);
    }
  }

  /** A close-only bar. */
  public static Bar ofClose(LocalDate date, double close) {
    return new Bar(date, Double.NaN, Double.NaN, Double.NaN, close, Double.NaN);
  }

  /** True when the bar has an opening price, which is then the fill price of orders. */
  public boolean hasOpen() {
    return !Double.isNaN(open);
  }
}
