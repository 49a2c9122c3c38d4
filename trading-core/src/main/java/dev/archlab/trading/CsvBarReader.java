package dev.archlab.trading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses bar CSV with Jackson's streaming CSV parser so that every value keeps its line number;
 * each rule violation becomes a {@link PriceDataException} naming line, column and value.
 */
final class CsvBarReader {
  private static final CsvMapper MAPPER = new CsvMapper();
  private static final List<String> KNOWN =
      List.of("date", "open", "high", "low", "close", "volume");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /**
   * Plain decimal or scientific notation: Double.parseDouble alone would also take hexadecimal
   * ("0x1p3") and type suffixes ("1.5d"), which no price file means.
   */
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

  private final String source;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String> header = new ArrayList<>();

  private CsvBarReader(String source) {
    this.source = source;
  }

  static List<Bar> read(Reader reader, String source) throws IOException {
    return new CsvBarReader(source).readAll(reader);
  }

  private List<Bar> readAll(Reader reader) throws IOException {
    List<Bar> bars = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    // Without a schema the parser exposes every record as an array of strings.
    try (JsonParser parser = MAPPER.createParser(reader)) {
      readRows(parser, bars, lines);
    } catch (StreamReadException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new PriceDataException(
          source, line, "", "expected well-formed CSV: " + e.getOriginalMessage());
    }
    if (header.isEmpty()) {
      throw new PriceDataException(source, 1, "", "expected a header line, found no content");
    }
    if (bars.isEmpty()) {
      throw new PriceDataException(source, 2, "", "expected at least one bar after the header");
    }
    return bars;
  }

  private void readRows(JsonParser parser, List<Bar> bars, List<Long> lines) throws IOException {
    List<String> row = new ArrayList<>();
    long line;
    while ((line = nextRow(parser, row)) > 0) {
      if (header.isEmpty()) {
        readHeader(row, line);
        continue;
      }
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      // A row with more or fewer fields than the header would silently shift values, as an
      // unquoted "1,234.5" does; refuse it rather than guess which field is which.
      if (row.size() != header.size()) {
        throw new PriceDataException(
            source,
            line,
            "",
            "expected "
                + header.size()
                + " fields as in the header, got "
                + row.size()
                + ": "
                + String.join(",", row));
      }
      Bar bar = parseRow(row, line);
      if (!bars.isEmpty()) {
        checkOrder(bars.get(bars.size() - 1), lines.get(lines.size() - 1), bar, line);
      }
      bars.add(bar);
      lines.add(line);
    }
  }

  /** Reads one CSV record into {@code row}; returns its line number, or 0 at the end. */
  private static long nextRow(JsonParser parser, List<String> row) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_ARRAY) {
      return 0;
    }
    long line = 0;
    row.clear();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (line == 0) {
        line = parser.currentTokenLocation().getLineNr();
      }
      row.add(parser.getText());
    }
    return line;
  }

  private void readHeader(List<String> row, long line) {
    // Spreadsheet exports often start with a UTF-8 byte order mark, which trim() keeps.
    if (!row.isEmpty() && !row.get(0).isEmpty() && row.get(0).charAt(0) == BYTE_ORDER_MARK) {
      row.set(0, row.get(0).substring(1));
    }
    for (int i = 0; i < row.size(); i++) {
      String name = row.get(i).trim().toLowerCase(Locale.ROOT);
      header.add(name);
      if (KNOWN.contains(name) && columns.putIfAbsent(name, i) != null) {
        throw new PriceDataException(
            source, line, describe(i), "column '" + name + "' appears twice in the header");
      }
    }
    for (String required : List.of("date", "close")) {
      if (!columns.containsKey(required)) {
        throw new PriceDataException(
            source,
            line,
            "",
            "expected a header with a '" + required + "' column, got " + String.join(",", row));
      }
    }
  }

  private Bar parseRow(List<String> row, long line) {
    LocalDate date = parseDate(row, line);
    double open = optionalPrice(row, line, "open");
    double high = optionalPrice(row, line, "high");
    double low = optionalPrice(row, line, "low");
    double close = requiredNumber(row, line, "close");
    checkPositive(close, line, "close");
    double volume = optionalNumber(row, line, "volume");
    if (volume < 0) {
      throw bad(line, "volume", "expected a volume >= 0, got " + volume);
    }
    if (high < low) {
      throw bad(line, "high", "high " + high + " is below low " + low);
    }
    checkInsideRange(line, "open", open, low, high);
    checkInsideRange(line, "close", close, low, high);
    return new Bar(date, open, high, low, close, volume);
  }

  private void checkInsideRange(long line, String column, double value, double low, double high) {
    if (value > high) {
      throw bad(line, column, column + " " + value + " is above high " + high);
    }
    if (value < low) {
      throw bad(line, column, column + " " + value + " is below low " + low);
    }
  }

  private void checkOrder(Bar previous, long previousLine, Bar bar, long line) {
    int order = bar.date().compareTo(previous.date());
    if (order == 0) {
      throw bad(line, "date", "duplicate date " + bar.date() + ", already on line " + previousLine);
    }
    if (order < 0) {
      throw bad(
          line,
          "date",
          "expected a date after "
              + previous.date()
              + " (line "
              + previousLine
              + "), got "
              + bar.date());
    }
  }

  private LocalDate parseDate(List<String> row, long line) {
    String text = cell(row, "date");
    if (text.isEmpty()) {
      throw bad(line, "date", "expected an ISO date (YYYY-MM-DD), found an empty value");
    }
    // LocalDate.parse also takes signed years beyond 9999, which no price file means.
    if (!ISO_DATE.matcher(text).matches()) {
      throw bad(line, "date", "expected an ISO date (YYYY-MM-DD), got '" + text + "'");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(line, "date", "expected an ISO date (YYYY-MM-DD), got '" + text + "'");
    }
  }

  private double optionalPrice(List<String> row, long line, String column) {
    double value = optionalNumber(row, line, column);
    if (!Double.isNaN(value)) {
      checkPositive(value, line, column);
    }
    return value;
  }

  private void checkPositive(double value, long line, String column) {
    if (!(value > 0)) {
      throw bad(line, column, "expected a positive price, got " + value);
    }
  }

  private double optionalNumber(List<String> row, long line, String column) {
    if (!columns.containsKey(column) || cell(row, column).isEmpty()) {
      return Double.NaN;
    }
    return requiredNumber(row, line, column);
  }

  private double requiredNumber(List<String> row, long line, String column) {
    String text = cell(row, column);
    if (text.isEmpty()) {
      throw bad(line, column, "expected a number, found an empty value");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw bad(line, column, "expected a number, got '" + text + "'");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw bad(line, column, "expected a finite number, got '" + text + "'");
    }
    return value;
  }

  private String cell(List<String> row, String column) {
    int index = columns.get(column);
    return index < row.size() ? row.get(index).trim() : "";
  }

  private PriceDataException bad(long line, String column, String problem) {
    return new PriceDataException(source, line, describe(columns.get(column)), problem);
  }

  private String describe(int index) {
    return (index + 1) + " (" + header.get(index) + ")";
  }
}
