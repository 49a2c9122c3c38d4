package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AutocompleteCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // As the archlab launcher configures it (lower-case enum values such as --mode prefix).
    CommandLine command =
        new CommandLine(new AutocompleteCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exitCode = command.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void query_unknownCategory_isRejectedNamingTheKnownOnes() {
    Run result = run("query", "x", "--category", "nope");
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("unknown --category 'nope'"), result.err());
    assertTrue(result.err().contains("en, ja-noun, ja-person, ja-place, ja-proper"), result.err());
  }

  @Test
  void query_romajiPrefix_mixesEnglishAndJapanese_andFindsTokyo() {
    Run toke = run("query", "toke");
    assertEquals(0, toke.exitCode(), toke.err());
    assertTrue(toke.out().contains(" token "), toke.out());
    assertTrue(toke.out().contains(" ja-noun "), toke.out());
    Run tokyo = run("query", "tokyo");
    assertTrue(tokyo.out().contains(" 東京 "), tokyo.out());
  }

  @Test
  void displayWidth_countsWideCharactersTwice() {
    assertEquals(5, AutocompleteCommand.displayWidth("token"));
    assertEquals(4, AutocompleteCommand.displayWidth("東京"));
    assertEquals(6, AutocompleteCommand.displayWidth("トケン"));
    assertEquals(4, AutocompleteCommand.displayWidth("ｊａ"));
    assertEquals(3, AutocompleteCommand.displayWidth("ｶﾀﾅ"));
    assertEquals(1, AutocompleteCommand.displayWidth("e\u0301"));
  }

  @Test
  void terminalTable_alignsColumnsByDisplayWidth() {
    String table =
        AutocompleteCommand.terminalTable(
            List.of(List.of("term", "weight"), List.of("東京ドーム", "1"), List.of("token", "2")));
    String[] lines = table.split("\n");
    int[] weightColumn = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int split = line.lastIndexOf("  ") + 2;
      weightColumn[i] = AutocompleteCommand.displayWidth(line.substring(0, split));
    }
    assertArrayEquals(new int[] {12, 12, 12, 12}, weightColumn, table);
  }
}
