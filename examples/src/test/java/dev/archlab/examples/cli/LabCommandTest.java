package dev.archlab.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {"lab", "cache", "autocomplete", "id"})
  void experimentCommands_acceptNoProgress(String command) {
    var parsed = ArchlabCli.commandLine().parseArgs(command, "--no-progress");

    assertTrue(parsed.subcommand().hasMatchedOption("--no-progress"), command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lab", "cache", "autocomplete"})
  void dataFolderThatDoesNotExist_exits2NamingIt(String command, @TempDir Path dir) {
    StringWriter err = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setErr(new PrintWriter(err));
    Path missing = dir.resolve("missing");

    int exit = commandLine.execute(command, "--data", missing.toString(), "--out", dir.toString());

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("--data: shared data folder " + missing), err.toString());
  }
}
