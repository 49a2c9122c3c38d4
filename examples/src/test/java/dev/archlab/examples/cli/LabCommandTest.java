package dev.archlab.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandTest {

  @Test
  void lab_reportQuotesTheCommandAsTyped(@TempDir Path out) throws Exception {
    var commandLine = ArchlabCli.commandLine().setOut(new PrintWriter(new StringWriter()));

    int exit =
        commandLine.execute(
            "lab", "--only", "id", "--quick", "--no-progress", "--out", out.toString());

    assertEquals(0, exit);
    String markdown = Files.readString(out.resolve("report.md"));
    assertTrue(markdown.startsWith("# archlab lab report\n"), markdown);
    assertTrue(
        markdown.contains("by `./archlab lab --only id --quick --no-progress --out " + out + "`."),
        markdown);
  }

  @Test
  void lab_dataFolderThatDoesNotExist_exits2NamingIt(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setErr(new PrintWriter(err));
    Path missing = dir.resolve("missing");

    int exit = commandLine.execute("lab", "--data", missing.toString(), "--out", dir.toString());

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("--data: shared data folder " + missing), err.toString());
  }
}
