package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvBarReaderTest {
  private static final String HEADER = "date,open,high,low,close,volume\n";

  private static PriceSeries read(String csv) throws IOException {
    return PriceSeries.readCsv(new StringReader(csv), "prices.csv", "prices");
  }

  @Test
  void readCsv_fullBars_keepsEveryValue() throws IOException {
    PriceSeries series =
        read(
            HEADER
                + "2013-01-02,553.82,555.00,541.63,549.03,20018500\n"
                + "2013-01-03,547.88,549.67,541.00,542.10,12605900\n");

    assertEquals(2, series.size());
    Bar first = series.bar(0);
    assertEquals(LocalDate.of(2013, 1, 2), first.date());
    assertEquals(553.82, first.open());
    assertEquals(555.00, first.high());
    assertEquals(541.63, first.low());
    assertEquals(549.03, first.close());
    assertEquals(20018500, first.volume());
  }

  @Test
  void readCsv_closeOnlyRows_leaveMissingFieldsNaN() throws IOException {
    PriceSeries series = read(HEADER + "1980-01-01,,,,838.74,\n1980-01-02,,,,824.57,\n");

    Bar bar = series.bar(1);
    assertEquals(824.57, bar.close());
    assertTrue(Double.isNaN(bar.open()) && Double.isNaN(bar.high()) && Double.isNaN(bar.low()));
    assertTrue(Double.isNaN(bar.volume()));
  }

  @Test
  void readCsv_columnsInAnyOrderAndOnlyRequiredOnes_areAccepted() throws IOException {
    PriceSeries series = read("close,date\n10.5,2020-01-02\n11,2020-01-03\n");

    assertEquals(11, series.bar(1).close());
  }

  static Stream<Arguments> badSecondBars() {
    return Stream.of(
        Arguments.of(
            "missing close",
            "2020-01-03,1,2,0.5,,10",
            3,
            "5 (close)",
            "expected a number, found an empty value"),
        Arguments.of(
            "non-numeric close",
            "2020-01-03,1,2,0.5,abc,10",
            3,
            "5 (close)",
            "expected a number, got 'abc'"),
        Arguments.of(
            "non-finite close",
            "2020-01-03,1,2,0.5,NaN,10",
            3,
            "5 (close)",
            "expected a finite number, got 'NaN'"),
        Arguments.of(
            "zero close",
            "2020-01-03,1,2,0.5,0,10",
            3,
            "5 (close)",
            "expected a positive price, got 0.0"),
        Arguments.of(
            "negative open",
            "2020-01-03,-1,2,0.5,1,10",
            3,
            "2 (open)",
            "expected a positive price, got -1.0"),
        Arguments.of(
            "high below low",
            "2020-01-03,1,0.9,1.1,1,10",
            3,
            "3 (high)",
            "high 0.9 is below low 1.1"),
        Arguments.of(
            "close above high",
            "2020-01-03,1,2,0.5,3,10",
            3,
            "5 (close)",
            "close 3.0 is above high 2.0"),
        Arguments.of(
            "open below low",
            "2020-01-03,0.4,2,0.5,1,10",
            3,
            "2 (open)",
            "open 0.4 is below low 0.5"),
        Arguments.of(
            "negative volume",
            "2020-01-03,1,2,0.5,1,-5",
            3,
            "6 (volume)",
            "expected a volume >= 0, got -5.0"),
        Arguments.of(
            "bad date",
            "2020-13-03,1,2,0.5,1,10",
            3,
            "1 (date)",
            "expected an ISO date (YYYY-MM-DD), got '2020-13-03'"),
        Arguments.of(
            "missing date",
            ",1,2,0.5,1,10",
            3,
            "1 (date)",
            "expected an ISO date (YYYY-MM-DD), found an empty value"),
        Arguments.of(
            "duplicate date",
            "2020-01-02,1,2,0.5,1,10",
            3,
            "1 (date)",
            "duplicate date 2020-01-02, already on line 2"),
        Arguments.of(
            "unordered date",
            "2020-01-01,1,2,0.5,1,10",
            3,
            "1 (date)",
            "expected a date after 2020-01-02 (line 2), got 2020-01-01"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSecondBars")
  void readCsv_badSecondBar_namesFileLineColumnAndValue(
      String description, String row, int line, String column, String problem) {
    String csv = HEADER + "2020-01-02,1,2,0.5,1.5,10\n" + row + "\n";

    PriceDataException e = assertThrows(PriceDataException.class, () -> read(csv));

    assertEquals("prices.csv", e.source());
    assertEquals(line, e.line());
    assertEquals(column, e.column());
    assertEquals("prices.csv line " + line + ", column " + column + ": " + problem, e.getMessage());
  }

  @Test
  void readCsv_headerWithoutClose_saysWhichColumnIsMissing() {
    PriceDataException e =
        assertThrows(PriceDataException.class, () -> read("date,open\n2020-01-02,1\n"));

    assertEquals(
        "prices.csv line 1: expected a header with a 'close' column, got date,open",
        e.getMessage());
  }

  @Test
  void readCsv_emptyInputOrHeaderOnly_isRejected() {
    assertEquals(
        "prices.csv line 1: expected a header line, found no content",
        assertThrows(PriceDataException.class, () -> read("")).getMessage());
    assertEquals(
        "prices.csv line 2: expected at least one bar after the header",
        assertThrows(PriceDataException.class, () -> read(HEADER)).getMessage());
  }

  @Test
  void readCsv_errorLaterInFile_reportsItsLine() {
    StringBuilder csv = new StringBuilder(HEADER);
    LocalDate day = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 40; i++) {
      csv.append(day.plusDays(i)).append(",,,,").append(i == 30 ? "x" : "10").append(",\n");
    }

    PriceDataException e = assertThrows(PriceDataException.class, () -> read(csv.toString()));

    assertEquals(32, e.line());
  }

  @Test
  void readCsv_file_usesFileNameInErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, HEADER + "2020-01-02,,,,-1,\n");

    PriceDataException e = assertThrows(PriceDataException.class, () -> PriceSeries.readCsv(file));

    assertTrue(e.getMessage().startsWith("bad.csv line 2, column 5 (close)"), e.getMessage());
  }

  @Test
  void gaps_reportMissingWeekdaysWithoutInventingBars() throws IOException {
    // Friday 3rd, then Tuesday 7th (Monday missing), then Friday 10th (Wed and Thu missing).
    PriceSeries series =
        read(HEADER + "2020-01-03,,,,1,\n2020-01-07,,,,1,\n2020-01-10,,,,1,\n2020-01-13,,,,1,\n");

    assertEquals(4, series.size());
    assertEquals(
        List.of(
            new PriceSeries.Gap(LocalDate.of(2020, 1, 3), LocalDate.of(2020, 1, 7), 1),
            new PriceSeries.Gap(LocalDate.of(2020, 1, 7), LocalDate.of(2020, 1, 10), 2)),
        series.gaps());
  }

  @Test
  void of_unorderedBars_isRejected() {
    List<Bar> bars =
        List.of(Bar.ofClose(LocalDate.of(2020, 1, 2), 1), Bar.ofClose(LocalDate.of(2020, 1, 1), 1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PriceSeries.of("x", bars));

    assertEquals(
        "series 'x': bar 1 dated 2020-01-01 is not after the previous bar's 2020-01-02",
        e.getMessage());
  }

  @Test
  void readCsv_rowWithMoreFieldsThanHeader_isRejectedNotShifted() {
    // An unquoted thousands separator splits one value in two; close must not become 1.
    PriceDataException e =
        assertThrows(
            PriceDataException.class, () -> read("date,close,volume\n2023-01-02,1,234.5,100\n"));

    assertEquals(2, e.line());
    assertEquals(
        "prices.csv line 2: expected 3 fields as in the header, got 4: 2023-01-02,1,234.5,100",
        e.getMessage());
  }

  @Test
  void readCsv_rowWithFewerFieldsThanHeader_isRejected() {
    PriceDataException e =
        assertThrows(PriceDataException.class, () -> read(HEADER + "2023-01-02,1,2,0.5,1.5\n"));

    assertEquals(
        "prices.csv line 2: expected 6 fields as in the header, got 5: 2023-01-02,1,2,0.5,1.5",
        e.getMessage());
  }

  @Test
  void readCsv_byteOrderMark_isIgnored() throws IOException {
    PriceSeries series = read("\uFEFFdate,close\n2023-01-02,1.5\n");

    assertEquals(1.5, series.bar(0).close());
  }

  @ParameterizedTest
  @MethodSource("nonDecimalNumbers")
  void readCsv_hexOrSuffixedNumber_isRejected(String value) {
    PriceDataException e =
        assertThrows(
            PriceDataException.class, () -> read("date,close\n2023-01-02," + value + "\n"));

    assertEquals(
        "prices.csv line 2, column 2 (close): expected a number, got '" + value + "'",
        e.getMessage());
  }

  static Stream<String> nonDecimalNumbers() {
    return Stream.of("0x1p3", "1.5d", "2f", "1_000");
  }

  @Test
  void readCsv_unterminatedQuote_isAPriceDataExceptionWithLine() {
    PriceDataException e =
        assertThrows(
            PriceDataException.class, () -> read("date,close\n2023-01-02,\"1.5\n2023-01-03,2\n"));

    assertTrue(
        e.getMessage().startsWith("prices.csv line 4: expected well-formed CSV"), e.getMessage());
  }

  @Test
  void of_barWithNullEntry_namesTheIndex() {
    List<Bar> bars = java.util.Arrays.asList(Bar.ofClose(LocalDate.of(2020, 1, 2), 1), null);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PriceSeries.of("x", bars));

    assertEquals("series 'x': bar 1 is null", e.getMessage());
  }

  @Test
  void readCsv_yearBeyondFourDigits_isRejected() {
    PriceDataException e =
        assertThrows(
            PriceDataException.class, () -> read("date,close\n2000-01-03,1\n+999999999-12-31,2\n"));

    assertEquals(
        "prices.csv line 3, column 1 (date): expected an ISO date (YYYY-MM-DD), got"
            + " '+999999999-12-31'",
        e.getMessage());
  }

  @Test
  void gaps_datesMillenniaApart_countWeekdaysWithoutWalkingEveryDay() throws IOException {
    PriceSeries far = read("date,close\n0001-01-01,1\n9999-12-31,2\n");
    PriceSeries week = read("date,close\n2020-01-03,1\n2020-01-17,2\n");

    int expected = 0;
    for (LocalDate d = LocalDate.of(1, 1, 2); d.getYear() < 10_000; d = d.plusDays(1)) {
      expected += d.getDayOfWeek().getValue() <= 5 && !d.equals(LocalDate.of(9999, 12, 31)) ? 1 : 0;
    }
    assertEquals(expected, far.gaps().get(0).missingWeekdays());
    // Friday 3rd to Friday 17th: the nine weekdays 6th to 10th and 13th to 16th.
    assertEquals(9, week.gaps().get(0).missingWeekdays());
  }

  @Property(tries = 200)
  void gaps_matchADayByDayCount(
      @ForAll @IntRange(min = 0, max = 40) int start,
      @ForAll @IntRange(min = 1, max = 40) int length)
      throws IOException {
    LocalDate after = LocalDate.of(2021, 1, 1).plusDays(start);
    LocalDate before = after.plusDays(length);
    int expected = 0;
    for (LocalDate d = after.plusDays(1); d.isBefore(before); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        expected++;
      }
    }
    PriceSeries series = read("date,close\n" + after + ",1\n" + before + ",1\n");

    assertEquals(expected, series.gaps().isEmpty() ? 0 : series.gaps().get(0).missingWeekdays());
  }
}
