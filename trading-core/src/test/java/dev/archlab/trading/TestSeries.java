package dev.archlab.trading;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Price series for tests: seeded random walks and fixture files. */
final class TestSeries {
  private TestSeries() {}

  /** A weekday random walk with OHLC bars when {@code withOpen}, else close-only. */
  static PriceSeries randomWalk(long seed, int bars, boolean withOpen) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Bar> list = new ArrayList<>();
    LocalDate day = LocalDate.of(2015, 1, 5);
    double close = 50 + random.nextDouble() * 100;
    while (list.size() < bars) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        double open = close * Math.exp(gaussian(random) * 0.005);
        close = open * Math.exp(0.0003 + gaussian(random) * 0.015);
        double high = Math.max(open, close) * (1 + random.nextDouble() * 0.01);
        double low = Math.min(open, close) * (1 - random.nextDouble() * 0.01);
        list.add(
            withOpen ? new Bar(day, open, high, low, close, 1_000_000) : Bar.ofClose(day, close));
      }
      day = day.plusDays(1);
    }
    return PriceSeries.of("walk-" + seed, list);
  }

  static double gaussian(SplittableRandom random) {
    // Box-Muller from the one seeded source, so the walk is the same on every JVM.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
  }

  /** A file from the test resources under {@code dev/archlab/trading/}. */
  static Reader resource(String name) {
    var stream = TestSeries.class.getResourceAsStream(name);
    if (stream == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    return new InputStreamReader(stream, StandardCharsets.UTF_8);
  }

  static PriceSeries fixture(String name) {
    try (Reader reader = resource("fixtures/" + name)) {
      return PriceSeries.readCsv(reader, name, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of a two-column fixture CSV, header skipped when {@code header}. */
  static List<String[]> rows(String name, boolean header) {
    try (Reader reader = resource("fixtures/" + name)) {
      List<String[]> rows = new ArrayList<>();
      List<String> lines = new java.io.BufferedReader(reader).lines().toList();
      for (int i = header ? 1 : 0; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          rows.add(lines.get(i).split(","));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
