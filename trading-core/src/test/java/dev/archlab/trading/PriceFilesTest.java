package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every price file the tests can see reads without error: the fixtures always, and the real daily
 * series of {@code ../shared/data/prices} when that folder is next to the repository.
 */
class PriceFilesTest {

  private static List<Path> priceFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    Path shared = Path.of("..", "..", "shared", "data", "prices").toAbsolutePath().normalize();
    if (Files.isDirectory(shared)) {
      try (Stream<Path> walk = Files.walk(shared)) {
        walk.filter(p -> p.toString().endsWith(".csv"))
            // EuStockMarkets has no calendar dates; the reader rightly refuses it.
            .filter(p -> !p.toString().contains("eustockmarkets"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void everyDatedSeries_readsAndReportsItsGaps() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Path file : priceFiles()) {
      PriceSeries series = PriceSeries.readCsv(file);
      assertTrue(series.size() > 200, file + ": " + series);
      for (PriceSeries.Gap gap : series.gaps()) {
        assertTrue(gap.before().isAfter(gap.after()) && gap.missingWeekdays() > 0, gap.toString());
      }
      checked.add(series.name());
    }
    for (String fixture : List.of("ohlc_costs_bars.csv", "close_only_bars.csv")) {
      checked.add(TestSeries.fixture(fixture).name());
    }
    assertTrue(checked.size() >= 2, checked.toString());
  }

  @Test
  void sharedEuStockMarkets_withoutDates_isRefusedWithItsLine() throws IOException {
    Path dax =
        Path.of("..", "..", "shared", "data", "prices", "eustockmarkets", "dax.csv")
            .toAbsolutePath()
            .normalize();
    // A dateless file in the same shape, so the check runs with or without the shared folder.
    Path file = Files.isRegularFile(dax) ? dax : Files.createTempFile("dax", ".csv");
    if (!Files.isRegularFile(dax)) {
      Files.writeString(file, "date,open,high,low,close,volume\n,,,,1628.75,\n");
    }

    PriceDataException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PriceDataException.class, () -> PriceSeries.readCsv(file));

    assertTrue(
        e.getMessage()
            .endsWith(
                "line 2, column 1 (date): expected an ISO date (YYYY-MM-DD),"
                    + " found an empty value"),
        e.getMessage());
  }
}
