package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.IntegrationServers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVM processes draw ids against one PostgreSQL: two Snowflake nodes with worker ids leased
 * from a table of only two ids, and two segment nodes sharing one counter. One node of each kind is
 * killed with SIGKILL mid-run and restarted (the restarted Snowflake node must wait for the dead
 * node's lease to expire). Every id written by any process is checked: zero duplicates.
 */
class MultiProcessIdsIT {
  private static final long RUN_MILLIS = 6_000;

  @TempDir Path dir;

  @Test
  void killedAndRestartedNodes_neverIssueADuplicate() throws Exception {
    IntegrationServers.Postgres pg = IntegrationServers.postgres();
    String prefix = "it_mp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    List<Process> all = new ArrayList<>();
    try {
      Process snowA = start(pg, prefix, "snowflake", "snow-a", RUN_MILLIS, all);
      start(pg, prefix, "snowflake", "snow-b", RUN_MILLIS, all);
      Process segA = start(pg, prefix, "segment", "seg-a", RUN_MILLIS, all);
      start(pg, prefix, "segment", "seg-b", RUN_MILLIS, all);

      awaitOutput("snow-a", snowA);
      awaitOutput("seg-a", segA);
      Thread.sleep(700);
      snowA.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      segA.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      start(pg, prefix, "snowflake", "snow-a-restarted", 4_000, all);
      start(pg, prefix, "segment", "seg-a-restarted", 4_000, all);

      for (Process process : all) {
        assertTrue(process.waitFor(45, TimeUnit.SECONDS), "a node did not finish: " + logs());
      }
      for (Process process : all) {
        if (process != snowA && process != segA) {
          assertEquals(0, process.exitValue(), "a node failed: " + logs());
        }
      }

      long snowflakeIds = checkUnique("snow-a", "snow-b", "snow-a-restarted");
      long segmentIds = checkUnique("seg-a", "seg-b", "seg-a-restarted");
      assertTrue(snowflakeIds > 10_000, "too few snowflake ids to mean anything: " + snowflakeIds);
      assertTrue(segmentIds > 10_000, "too few segment ids to mean anything: " + segmentIds);
      System.out.printf(
          "multi-process: %,d snowflake ids and %,d segment ids from 6 processes, 0 duplicates%n",
          snowflakeIds, segmentIds);
    } finally {
      for (Process process : all) {
        process.destroyForcibly();
      }
      drop(pg, prefix);
    }
  }

  private Process start(
      IntegrationServers.Postgres pg,
      String prefix,
      String mode,
      String name,
      long runMillis,
      List<Process> all)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            IdDrawerMain.class.getName(),
            mode,
            pg.jdbcUrl(),
            pg.user(),
            pg.password(),
            prefix,
            dir.resolve(name + ".ids").toString(),
            Long.toString(runMillis));
    builder.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    Process process = builder.start();
    all.add(process);
    return process;
  }

  private void awaitOutput(String name, Process process) throws Exception {
    Path file = dir.resolve(name + ".ids");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file) || Files.size(file) < 64 * Long.BYTES) {
      assertTrue(process.isAlive(), name + " died before drawing ids: " + logs());
      assertTrue(System.nanoTime() < deadline, name + " drew no ids in 30 s: " + logs());
      Thread.sleep(50);
    }
  }

  private long checkUnique(String... names) throws IOException {
    List<long[]> parts = new ArrayList<>();
    int total = 0;
    for (String name : names) {
      byte[] bytes = Files.readAllBytes(dir.resolve(name + ".ids"));
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, bytes.length - bytes.length % Long.BYTES);
      long[] ids = new long[buffer.remaining() / Long.BYTES];
      buffer.asLongBuffer().get(ids);
      assertTrue(ids.length > 0, name + " wrote no ids: " + logs());
      parts.add(ids);
      total += ids.length;
    }
    long[] merged = new long[total];
    int at = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, merged, at, part.length);
      at += part.length;
    }
    Arrays.sort(merged);
    for (int i = 1; i < merged.length; i++) {
      if (merged[i] == merged[i - 1]) {
        throw new AssertionError(
            "id " + merged[i] + " issued twice among " + Arrays.toString(names) + ": " + logs());
      }
    }
    return total;
  }

  private String logs() {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String content = Files.readString(log);
        text.append("\n--- ").append(log.getFileName()).append(" ---\n");
        text.append(
            content.length() > 3_000 ? content.substring(content.length() - 3_000) : content);
      }
    } catch (IOException e) {
      text.append("(logs unreadable: ").append(e).append(')');
    }
    return text.toString();
  }

  private static void drop(IntegrationServers.Postgres pg, String prefix) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + prefix + "_leases");
      statement.execute("DROP TABLE IF EXISTS " + prefix + "_segments");
    }
  }
}
