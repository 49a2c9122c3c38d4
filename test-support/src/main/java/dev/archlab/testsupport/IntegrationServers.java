package dev.archlab.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.opentest4j.TestAbortedException;

/**
 * Where the integration tests find their real servers, and what happens when one is missing.
 *
 * <p>Servers are named by environment variables that {@code .ci/run} exports:
 *
 * <ul>
 *   <li>{@code ARCHLAB_PG_URL}, {@code ARCHLAB_PG_USER}, {@code ARCHLAB_PG_PASSWORD}: a JDBC URL of
 *       a PostgreSQL database the tests may create and drop tables in;
 *   <li>{@code ARCHLAB_REDIS_URI}: a Redis URI such as {@code redis://127.0.0.1:6379}.
 * </ul>
 *
 * <p>When {@code CI=true} a missing or unreachable server fails the test with a message that says
 * what to start; elsewhere the test is reported as aborted (skipped), never as passed.
 */
public final class IntegrationServers {

  private IntegrationServers() {}

  /** Connection facts of the PostgreSQL server the integration tests use. */
  public record Postgres(String jdbcUrl, String user, String password) {}

  /** The PostgreSQL server for integration tests; fails under CI when it is not reachable. */
  public static Postgres postgres() {
    String url = System.getenv("ARCHLAB_PG_URL");
    if (url == null || url.isBlank()) {
      return unavailable("ARCHLAB_PG_URL is not set (see .ci/run for how to start PostgreSQL)");
    }
    URI address = URI.create(url.substring("jdbc:".length()));
    int port = address.getPort() < 0 ? 5432 : address.getPort();
    requireReachable("PostgreSQL", address.getHost(), port);
    return new Postgres(
        url, envOr("ARCHLAB_PG_USER", "archlab"), envOr("ARCHLAB_PG_PASSWORD", "archlab"));
  }

  /** The Redis URI for integration tests; fails under CI when it is not reachable. */
  public static URI redis() {
    String uri = System.getenv("ARCHLAB_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      return unavailable("ARCHLAB_REDIS_URI is not set (see .ci/run for how to start Redis)");
    }
    URI address = URI.create(uri);
    int port = address.getPort() < 0 ? 6379 : address.getPort();
    requireReachable("Redis", address.getHost(), port);
    return address;
  }

  /** True when running under CI, where integration tests must never be skipped. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void requireReachable(String what, String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
    } catch (IOException e) {
      unavailable(what + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")");
    }
  }

  /** Fails under CI, aborts (skips) elsewhere. */
  static <T> T unavailable(String reason) {
    if (underCi()) {
      throw new AssertionError("integration server missing under CI=true: " + reason);
    }
    throw new TestAbortedException("skipped outside CI: " + reason);
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
