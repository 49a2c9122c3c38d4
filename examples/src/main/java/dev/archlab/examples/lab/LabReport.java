package dev.archlab.examples.lab;

import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lab's report: sections rendered as Markdown and as HTML with the charts inline. */
public final class LabReport {
  private final String heading;
  private final List<String> preamble;
  private final List<Section> sections;

  public LabReport(String heading, List<String> preamble, List<Section> sections) {
    this.heading = heading;
    this.preamble = List.copyOf(preamble);
    this.sections = List.copyOf(sections);
  }

  /** Every summary row of every section, in order. */
  public Table summaryTable() {
    Table table = Table.withHeaders("experiment", "metric", "value");
    for (Section section : sections) {
      for (Section.SummaryRow row : section.summary()) {
        table.row(row.experiment(), row.metric(), row.value());
      }
    }
    return table;
  }

  /** Writes {@code report.md} and {@code report.html} into {@code dir}; returns the HTML path. */
  public Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    Files.writeString(html, html(), StandardCharsets.UTF_8);
    return html;
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# ").append(heading).append("\n\n");
    preamble.forEach(line -> md.append(line).append("\n\n"));
    md.append("## Summary\n\n");
    appendMarkdownTable(md, summaryTable());
    for (Section section : sections) {
      md.append("\n## ").append(section.title()).append("\n\n");
      for (Section.Block block : section.blocks()) {
        switch (block) {
          case Section.Paragraph p -> md.append(p.text()).append("\n\n");
          case Section.TableBlock t -> {
            md.append("**").append(t.caption()).append("**\n\n");
            appendMarkdownTable(md, t.table());
            md.append('\n');
          }
          case Section.Image i ->
              md.append("![").append(i.caption()).append("](").append(i.fileName()).append(")\n\n");
        }
      }
    }
    return md.toString();
  }

  String html() {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(escape(heading))
        .append("</title><style>")
        .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}")
        .append("th{background:#eee}img{max-width:100%}")
        .append("</style></head><body>\n<h1>")
        .append(escape(heading))
        .append("</h1>\n");
    preamble.forEach(line -> html.append("<p>").append(inlineCode(line)).append("</p>\n"));
    html.append("<h2>Summary</h2>\n");
    appendHtmlTable(html, summaryTable());
    for (Section section : sections) {
      html.append("<h2>").append(escape(section.title())).append("</h2>\n");
      for (Section.Block block : section.blocks()) {
        switch (block) {
          case Section.Paragraph p ->
              html.append("<p>").append(inlineCode(p.text())).append("</p>\n");
          case Section.TableBlock t -> {
            html.append("<h3>").append(escape(t.caption())).append("</h3>\n");
            appendHtmlTable(html, t.table());
          }
          case Section.Image i ->
              html.append("<figure><img src=\"")
                  .append(escape(i.fileName()))
                  .append("\" alt=\"")
                  .append(escape(i.caption()))
                  .append("\"><figcaption>")
                  .append(escape(i.caption()))
                  .append("</figcaption></figure>\n");
        }
      }
    }
    return html.append("</body></html>\n").toString();
  }

  private static void appendMarkdownTable(StringBuilder md, Table table) {
    md.append("| ").append(String.join(" | ", cellsForMarkdown(table.headers()))).append(" |\n");
    md.append("|").append(" --- |".repeat(table.headers().size())).append('\n');
    for (List<String> row : table.rows()) {
      md.append("| ").append(String.join(" | ", cellsForMarkdown(row))).append(" |\n");
    }
  }

  private static List<String> cellsForMarkdown(List<String> cells) {
    List<String> escaped = new ArrayList<>(cells.size());
    cells.forEach(cell -> escaped.add(cell.replace("|", "\\|").replace("\n", " ")));
    return escaped;
  }

  private static void appendHtmlTable(StringBuilder html, Table table) {
    html.append("<table><thead><tr>");
    table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  /** Escapes text and renders its `code` spans (the one Markdown feature paragraphs use). */
  static String inlineCode(String text) {
    String[] parts = text.split("`", -1);
    if (parts.length % 2 == 0) {
      return escape(text);
    }
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      html.append(i % 2 == 1 ? "<code>" + escape(parts[i]) + "</code>" : escape(parts[i]));
    }
    return html.toString();
  }

  private static String escape(String text) {
    return HtmlEscapers.htmlEscaper().escape(text);
  }
}
