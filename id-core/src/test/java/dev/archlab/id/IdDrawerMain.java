package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One node of the multi-process test: draws ids against PostgreSQL for a while and appends each
 * batch to a file as soon as it is drawn, so that a SIGKILL loses at most ids that were never
 * handed out.
 *
 * <p>Arguments: {@code snowflake|segment jdbcUrl user password tablePrefix outputFile runMillis}.
 */
final class IdDrawerMain {
  static final int MAX_WORKER_ID = 1;
  static final Duration LEASE_TTL = Duration.ofMillis(1_500);
  private static final int BATCH = 256;

  private IdDrawerMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String prefix = args[4];
    Path output = Path.of(args[5]);
    long runNanos = Duration.ofMillis(Long.parseLong(args[6])).toNanos();
    try (HikariDataSource database = TicketServers.pooled(args[1], args[2], args[3])) {
      if (mode.equals("snowflake")) {
        try (WorkerIdLeases.Lease lease = leaseWithRetry(database, prefix)) {
          IdGenerator ids =
              IdGenerators.snowflake(SnowflakeLayout.twitter()).workerIdLease(lease).build();
          draw(ids, output, runNanos);
        }
      } else {
        try (TicketIdGenerator ids =
            TicketServers.builder(prefix + "_ids")
                .segmentTable(prefix + "_segments")
                .server(database)
                .blockSize(50, 5_000)
                .targetBlockDuration(Duration.ofMillis(500))
                .segments()) {
          draw(ids, output, runNanos);
        }
      }
    }
  }

  /** With every worker id leased, a restarted node waits for the dead node's lease to expire. */
  private static WorkerIdLeases.Lease leaseWithRetry(HikariDataSource database, String prefix)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return WorkerIdLeases.jdbc(database, MAX_WORKER_ID, LEASE_TTL)
            .table(prefix + "_leases")
            .open();
      } catch (IdGenerationException allTaken) {
        if (System.nanoTime() > deadline) {
          throw allTaken;
        }
        Thread.sleep(100);
      }
    }
  }

  private static void draw(IdGenerator ids, Path output, long runNanos)
      throws IOException, InterruptedException {
    ByteBuffer buffer = ByteBuffer.allocate(BATCH * Long.BYTES);
    long end = System.nanoTime() + runNanos;
    try (FileChannel file =
        FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (System.nanoTime() < end) {
        buffer.clear();
        try {
          for (long id : ids.nextIds(BATCH)) {
            buffer.putLong(id);
          }
        } catch (IdGenerationException notNow) {
          // No lease at this moment (or the clock stepped back): wait, as a service would.
          Thread.sleep(5);
          continue;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          file.write(buffer);
        }
        Thread.sleep(1);
      }
    }
  }
}
