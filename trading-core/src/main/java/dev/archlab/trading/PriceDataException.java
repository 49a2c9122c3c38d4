package dev.archlab.trading;

/**
 * Bad price data: says which source, line and column held which bad value, and what was expected
 * there.
 *
 * @since 0.1
 */
public final class PriceDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;

  PriceDataException(String source, long line, String column, String problem) {
    super(
        source + " line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + problem);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** File name or other label of the data source. */
  public String source() {
    return source;
  }

  /** 1-based line number in the source (the header is line 1). */
  public long line() {
    return line;
  }

  /** Column as {@code <number> (<name>)}, or empty when the problem concerns the whole line. */
  public String column() {
    return column;
  }
}
