package dev.archlab.examples.lab;

import java.util.ArrayList;
import java.util.List;

/** A table of text cells with a header row; numbers are formatted by the caller. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /** A table with these column headers. */
  public static Table withHeaders(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    return new Table(List.of(headers));
  }

  /** Adds a row; it must have one cell per column. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(String.valueOf(cell));
    }
    rows.add(List.copyOf(row));
    return this;
  }

  public List<String> headers() {
    return headers;
  }

  public List<List<String>> rows() {
    return List.copyOf(rows);
  }

  /** Plain-text rendering with aligned columns, for the terminal. */
  public String toText() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendTextRow(out, headers, widths);
    for (int c = 0; c < widths.length; c++) {
      out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append('\n');
    for (List<String> row : rows) {
      appendTextRow(out, row, widths);
    }
    return out.toString();
  }

  private static void appendTextRow(StringBuilder out, List<String> cells, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      out.append(c == 0 ? "" : "  ").append(cell).append(" ".repeat(widths[c] - cell.length()));
    }
    out.append('\n');
  }
}
