package dev.archlab.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.examples.cli.ArchlabCli;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {

  @Test
  void help_showsTheRealDefaultsOfRequestsAndLatency() {
    StringWriter text = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setOut(new PrintWriter(text));

    assertEquals(0, commandLine.execute("cache", "--help"));

    String help = text.toString().replaceAll("\\s+", " ");
    assertTrue(help.contains("(default: 60000, or 4000 with --quick)"), help);
    assertTrue(help.contains("(default: 2000, or 500 with --quick)"), help);
    assertFalse(help.matches(".*Default: 0(?![.\\d]).*"), help);
    assertTrue(help.contains("--data=DIR"), help);
    assertTrue(help.contains("--no-progress"), help);
  }

  @Test
  void namedTraceThatDoesNotExist_exits2NamingThePath(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setErr(new PrintWriter(err));

    int exit =
        commandLine.execute(
            "cache", "--quick", "--no-outage", "--trace", "nope.gz", "--out", dir.toString());

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("--trace: no such file: "), err.toString());
    assertTrue(err.toString().contains("nope.gz"), err.toString());
  }

  @Test
  void dataFolder_traceUnderIt_isReplayed_withZeroLatencyAndTheReportNamedAfterTheCommand(
      @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("cache_traces"));
    writeTrace(data.resolve("cache_traces/tiny.trace.gz"), 300);
    Path out = dir.resolve("report");
    StringWriter text = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setOut(new PrintWriter(text));

    int exit =
        commandLine.execute(
            "cache",
            "--quick",
            "--no-outage",
            "--no-progress",
            "--requests",
            "600",
            "--latency-us",
            "0",
            "--data",
            data.toString(),
            "--trace",
            "tiny.trace.gz",
            "--out",
            out.toString());

    assertEquals(0, exit, text.toString());
    assertTrue(text.toString().contains("costs 0 us per read or write"), text.toString());
    assertTrue(
        text.toString().contains("tiny.trace.gz: 300 requests, 300 distinct keys"),
        text.toString());
    String markdown = Files.readString(out.resolve("report.md"));
    assertTrue(markdown.startsWith("# archlab cache report\n"), markdown);
    assertTrue(markdown.contains("by `./archlab cache --quick --no-outage"), markdown);
    assertTrue(
        markdown.contains("Shared data folder: " + data.toAbsolutePath().normalize() + "."),
        markdown);
  }

  private static void writeTrace(Path file, int keys) throws Exception {
    try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (int key = 0; key < keys; key++) {
        gzip.write((key + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
