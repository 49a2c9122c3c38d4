package dev.archlab.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own on a free loopback port, which a fault test may stop, kill and
 * restart. The binary comes from {@code ARCHLAB_REDIS_SERVER_BIN} (exported by {@code .ci/run});
 * without it the test fails under CI and is skipped elsewhere, like every integration test.
 */
public final class RedisServerProcess implements AutoCloseable {
  private final String binary;
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServerProcess(String binary, int port, Path dir) {
    this.binary = binary;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server on a free port and waits until it accepts connections. */
  public static RedisServerProcess start() throws IOException, InterruptedException {
    String binary = System.getenv("ARCHLAB_REDIS_SERVER_BIN");
    if (binary == null || binary.isBlank() || !Files.isExecutable(Path.of(binary))) {
      return IntegrationServers.unavailable(
          "ARCHLAB_REDIS_SERVER_BIN is not an executable redis-server: " + binary);
    }
    RedisServerProcess server =
        new RedisServerProcess(binary, freePort(), Files.createTempDirectory("archlab-redis"));
    server.startAgain();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Starts the server again on the same port (empty: it keeps no data on disk). */
  public void startAgain() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        // The server is still starting; try again shortly.
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  /** SIGKILL, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Stops the server gracefully (SIGTERM), then forcibly after 10 s. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
