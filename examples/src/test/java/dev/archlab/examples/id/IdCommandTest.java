package dev.archlab.examples.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.examples.cli.ArchlabCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rollback-ms 5|--rollback-ms must be between 11 and 10000, was 5",
        "--skew-ms -5|--skew-ms must be between 0 and 60000, was -5",
        "--nodes 0|--nodes must be between 1 and 64, was 0",
        "--ids-per-node 2147483647|--ids-per-node must be between 10 and 5000000",
        "serve --port 70000|--port must be between 0 and 65535, was 70000",
        "serve --worker-id 1024|--worker-id must be between 0 and 1023, was 1024"
      })
  void badOption_failsBeforeRunningNamingTheOption(String args, String message) {
    StringWriter err = new StringWriter();
    var commandLine = ArchlabCli.commandLine().setErr(new PrintWriter(err));

    int exit = commandLine.execute(("id " + args).split(" "));

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains(message), err.toString());
  }
}
