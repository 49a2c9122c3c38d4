package dev.archlab.benchmarks.id;

import com.zaxxer.hikari.HikariDataSource;
import dev.archlab.id.TicketIdGenerator;
import dev.archlab.id.TicketServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segment mode against an embedded in-memory H2 ticket server: throughput and sampled latency of
 * {@code nextId()} at one and two threads, with small and large blocks.
 *
 * <p>The small-block case switches blocks thousands of times per second, so its p99.9 shows what a
 * block switch costs when the prefetch keeps up; the teardown prints database round trips per block
 * (1.0 means every reservation took exactly one statement and none was refetched).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SegmentIdBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
// Two forks by default: JIT decisions differ between JVMs; -f 1 for a quick look.
@Fork(2)
// The hot path is a few instructions; block sizes settle within the first second.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
public class SegmentIdBenchmark {

  /** Upper bound of the adaptive block size; the rate alone would pick the largest blocks. */
  @Param({"10000", "1000000"})
  public long maxBlock;

  private HikariDataSource database;
  private TicketIdGenerator generator;

  @Setup(Level.Trial)
  public void open() {
    database = TicketServers.h2InMemory("bench" + UUID.randomUUID().toString().replace("-", ""));
    generator =
        TicketServers.builder("bench")
            .server(database)
            .blockSize(Math.min(1_000, maxBlock), maxBlock)
            .targetBlockDuration(Duration.ofSeconds(1))
            .segments();
  }

  @TearDown(Level.Trial)
  public void close() {
    TicketIdGenerator.Stats stats = generator.stats();
    System.out.printf(
        "%nsegment stats (maxBlock=%d): ids=%,d blocks=%,d roundTrips=%,d"
            + " roundTripsPerBlock=%.3f roundTripsPerMillionIds=%.3f lastBlock=%,d%n",
        maxBlock,
        stats.idsIssued(),
        stats.blocks(),
        stats.roundTrips(),
        (double) stats.roundTrips() / stats.blocks(),
        stats.roundTripsPerMillionIds(),
        stats.currentBlockSize());
    generator.close();
    database.close();
  }

  @Benchmark
  @Threads(1)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long nextId_1thread() {
    return generator.nextId();
  }

  @Benchmark
  @Threads(2)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long nextId_2threads() {
    return generator.nextId();
  }

  /** Checks that segment mode hands out distinct ids before its timings mean anything. */
  public static void main(String[] args) {
    try (HikariDataSource database = TicketServers.h2InMemory("benchcheck");
        TicketIdGenerator generator =
            TicketServers.builder("check").server(database).blockSize(10, 1_000).segments()) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 1_000_000; i++) {
        if (!seen.add(generator.nextId())) {
          throw new AssertionError("segment mode repeated an id");
        }
      }
      System.out.println("segment mode: 1,000,000 distinct ids, " + generator.stats());
    }
  }
}
