package dev.archlab.examples.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** One experiment's part of the report: paragraphs, tables, charts and summary rows. */
public final class Section {

  /** A part of a section, in the order it was written. */
  public sealed interface Block permits Paragraph, TableBlock, Image {}

  /** Plain text; rendered as a paragraph (markup is escaped in HTML). */
  public record Paragraph(String text) implements Block {}

  /** A captioned table. */
  public record TableBlock(String caption, Table table) implements Block {}

  /** A chart saved as a PNG file next to the report. */
  public record Image(String caption, String fileName) implements Block {}

  /** One line of the summary printed at the end of the lab. */
  public record SummaryRow(String experiment, String metric, String value) {}

  private final String id;
  private final String title;
  private final Path outputDir;
  private final List<Block> blocks = new ArrayList<>();
  private final List<SummaryRow> summary = new ArrayList<>();

  public Section(String id, String title, Path outputDir) {
    this.id = id;
    this.title = title;
    this.outputDir = outputDir;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public List<Block> blocks() {
    return List.copyOf(blocks);
  }

  public List<SummaryRow> summary() {
    return List.copyOf(summary);
  }

  public void paragraph(String text) {
    blocks.add(new Paragraph(text));
  }

  public void table(String caption, Table table) {
    blocks.add(new TableBlock(caption, table));
  }

  /** Adds a line to the lab's closing summary table. */
  public void summary(String metric, Object value) {
    summary.add(new SummaryRow(id, metric, String.valueOf(value)));
  }

  /** Saves any XChart chart as {@code <section>-<name>.png} and adds it to the section. */
  public void chart(String name, String caption, Chart<?, ?> chart) throws IOException {
    Files.createDirectories(outputDir);
    String fileName = id + "-" + name + ".png";
    BitmapEncoder.saveBitmap(
        chart, outputDir.resolve(fileName).toString(), BitmapEncoder.BitmapFormat.PNG);
    blocks.add(new Image(caption, fileName));
  }

  /** A bar chart of one value per label, each bar labelled with its value. */
  public void barChart(
      String name, String caption, String yTitle, Map<String, ? extends Number> bars)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder().width(900).height(450).title(caption).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartTitleVisible(true);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(java.awt.Color.BLACK);
    chart.getStyler().setLabelsPosition(1.0);
    chart.getStyler().setXAxisLabelRotation(bars.size() > 5 ? 30 : 0);
    List<Double> values = new ArrayList<>();
    bars.values().forEach(value -> values.add(threeSignificantDigits(value.doubleValue())));
    chart.addSeries(yTitle, List.copyOf(bars.keySet()), values);
    chart(name, caption, chart);
  }

  /** Bar labels print the value as given; three significant digits are all a chart can show. */
  private static double threeSignificantDigits(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN))
        .doubleValue();
  }
}
