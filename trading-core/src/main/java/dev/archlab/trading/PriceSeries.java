package dev.archlab.trading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named, strictly date-ordered series of daily {@link Bar bars} for one instrument.
 *
 * <p>Immutable and thread-safe. Gaps (weekdays with no bar, such as holidays or missing data) are
 * reported by {@link #gaps()} and never filled in.
 *
 * @since 0.1
 */
public final class PriceSeries {

  /**
   * Weekdays without a bar between two consecutive bars.
   *
   * @param after the last date before the gap
   * @param before the first date after the gap
   * @param missingWeekdays how many Monday-to-Friday dates lie strictly between the two
   */
  public record Gap(LocalDate after, LocalDate before, int missingWeekdays) {}

  private final String name;
  private final List<Bar> bars;

  private PriceSeries(String name, List<Bar> bars) {
    this.name = name;
    this.bars = bars;
  }

  /**
   * A series of the given bars, which must be in strictly increasing date order.
   *
   * @throws IllegalArgumentException if {@code bars} is empty or not strictly date-ordered
   */
  public static PriceSeries of(String name, List<Bar> bars) {
    Objects.requireNonNull(name, "name");
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("series '" + name + "' has no bars");
    }
    for (int i = 0; i < bars.size(); i++) {
      if (bars.get(i) == null) {
        throw new IllegalArgumentException("series '" + name + "': bar " + i + " is null");
      }
    }
    List<Bar> copy = List.copyOf(bars);
    for (int i = 1; i < copy.size(); i++) {
      if (!copy.get(i).date().isAfter(copy.get(i - 1).date())) {
        throw new IllegalArgumentException(
            "series '"
                + name
                + "': bar "
                + i
                + " dated "
                + copy.get(i).date()
                + " is not after the previous bar's "
                + copy.get(i - 1).date());
      }
    }
    return new PriceSeries(name, copy);
  }

  /**
   * Reads a CSV file with the header {@code date,open,high,low,close,volume}; only {@code date} and
   * {@code close} are required and columns may come in any order.
   *
   * @throws PriceDataException naming the file, line and column of the first bad value
   * @throws IOException if the file cannot be read
   */
  public static PriceSeries readCsv(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String name =
        fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readCsv(reader, fileName, name);
    }
  }

  /**
   * Reads CSV text as {@link #readCsv(Path)} does.
   *
   * @param source label used in error messages, such as the file name
   * @param name the series name
   */
  public static PriceSeries readCsv(Reader reader, String source, String name) throws IOException {
    return new PriceSeries(name, Collections.unmodifiableList(CsvBarReader.read(reader, source)));
  }

  /** The instrument or file name. */
  public String name() {
    return name;
  }

  /** The bars in date order; never empty. */
  public List<Bar> bars() {
    return bars;
  }

  /** Number of bars. */
  public int size() {
    return bars.size();
  }

  /** The bar at {@code index}. */
  public Bar bar(int index) {
    return bars.get(index);
  }

  /** Date of the first bar. */
  public LocalDate firstDate() {
    return bars.get(0).date();
  }

  /** Date of the last bar. */
  public LocalDate lastDate() {
    return bars.get(bars.size() - 1).date();
  }

  /** Index of the first bar dated on or after {@code date}, or {@link #size()} if none is. */
  public int indexOnOrAfter(LocalDate date) {
    int low = 0;
    int high = bars.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bars.get(mid).date().isBefore(date)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Every run of missing weekdays between consecutive bars, in date order. */
  public List<Gap> gaps() {
    List<Gap> gaps = new ArrayList<>();
    for (int i = 1; i < bars.size(); i++) {
      LocalDate after = bars.get(i - 1).date();
      LocalDate before = bars.get(i).date();
      long missing = weekdaysBetween(after, before);
      if (missing > 0) {
        if (missing > Integer.MAX_VALUE) {
          throw new IllegalStateException(
              "series '"
                  + name
                  + "': "
                  + missing
                  + " weekdays between "
                  + after
                  + " and "
                  + before
                  + " do not fit a Gap");
        }
        gaps.add(new Gap(after, before, (int) missing));
      }
    }
    return List.copyOf(gaps);
  }

  /**
   * Monday-to-Friday dates strictly between {@code after} and {@code before}, counted by whole
   * weeks so that dates centuries apart cost no more than adjacent ones.
   */
  private static long weekdaysBetween(LocalDate after, LocalDate before) {
    long days = ChronoUnit.DAYS.between(after, before) - 1;
    if (days <= 0) {
      return 0;
    }
    long weekdays = days / 7 * 5;
    LocalDate day = after.plusDays(1 + days / 7 * 7);
    for (long i = 0; i < days % 7; i++, day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        weekdays++;
      }
    }
    return weekdays;
  }

  @Override
  public String toString() {
    return name + " (" + bars.size() + " bars, " + firstDate() + " to " + lastDate() + ")";
  }
}
