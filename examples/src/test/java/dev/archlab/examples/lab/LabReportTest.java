package dev.archlab.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabReportTest {

  @Test
  void writeTo_rendersTablesChartsAndEscapesMarkup(@TempDir Path dir) throws Exception {
    Section section = new Section("demo", "Demo <b>section</b>", dir);
    section.paragraph("a < b & c; run `x<y` here");
    section.table("numbers", Table.withHeaders("name", "value").row("x|y", 1).row("<i>", 2.5));
    section.barChart("bars", "Some bars", "ops/s", Map.of("a", 1, "b", 2));
    section.summary("ops/s", 42);

    Path html = new LabReport("Report", List.of("pre"), List.of(section)).writeTo(dir);

    String htmlText = Files.readString(html);
    String markdown = Files.readString(dir.resolve("report.md"));
    assertTrue(Files.size(dir.resolve("demo-bars.png")) > 1000, "chart PNG written");
    assertTrue(htmlText.contains("Demo &lt;b&gt;section&lt;/b&gt;"), htmlText);
    assertTrue(htmlText.contains("<td>&lt;i&gt;</td>"), htmlText);
    assertTrue(htmlText.contains("a &lt; b &amp; c; run <code>x&lt;y</code> here"), htmlText);
    assertFalse(htmlText.contains("<i>"), "no markup injected from cells");
    assertTrue(markdown.contains("| x\\|y | 1 |"), markdown);
    assertTrue(markdown.contains("![Some bars](demo-bars.png)"), markdown);
    assertTrue(markdown.contains("| demo | ops/s | 42 |"), markdown);
  }

  @Test
  void row_withWrongCellCount_namesBothCounts() {
    Table table = Table.withHeaders("a", "b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.row(1));
    assertEquals("row has 1 cells, table has 2 columns", e.getMessage());
  }

  @Test
  void toText_alignsColumns() {
    String text = Table.withHeaders("k", "value").row("long key", 1).toText();
    assertEquals("k         value\n--------  -----\nlong key  1    \n", text);
  }

  @Test
  void run_failingExperiment_isReportedAndTheOthersStillRun(@TempDir Path dir) throws Exception {
    Experiment failing =
        experiment(
            "bad",
            section -> {
              throw new IllegalStateException("boom");
            });
    Experiment fine = experiment("good", section -> section.summary("answer", 42));
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    LabContext context =
        new LabContext(LabContext.Scale.QUICK, 1, java.util.Optional.empty(), null);

    int exit =
        new LabRunner(new java.io.PrintWriter(out), new java.io.PrintWriter(err))
            .run(List.of(failing, fine), context, dir, "test");

    assertEquals(1, exit);
    assertTrue(out.toString().contains("Failed experiments: bad"), out.toString());
    String markdown = Files.readString(dir.resolve("report.md"));
    assertTrue(markdown.contains("| good | answer | 42 |"), markdown);
    assertTrue(markdown.contains("This experiment failed: java.lang.IllegalStateException: boom"));
  }

  private interface Body {
    void run(Section section) throws Exception;
  }

  private static Experiment experiment(String id, Body body) {
    return new Experiment() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return id;
      }

      @Override
      public void run(LabContext context, Section section) throws Exception {
        body.run(section);
      }
    };
  }
}
