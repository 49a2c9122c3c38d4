package dev.archlab.benchmarks.id;

import cn.hutool.core.lang.Snowflake;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.github.f4b6a3.tsid.TsidFactory;
import dev.archlab.id.IdGenerator;
import dev.archlab.id.IdGenerators;
import dev.archlab.id.SnowflakeLayout;
import dev.archlab.id.UuidGenerator;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Id generation throughput and latency, archlab's Snowflake and UUIDv7 beside tsid-creator,
 * Hutool's Snowflake and java-uuid-generator's UUIDv7, all through one adapter so each strategy
 * runs the same benchmark code.
 *
 * <p>Every strategy reads the real system clock: a time-based generator is only honest when its
 * clock and its waiting are real. Snowflake's ceiling with the Twitter layout is 4,096 ids per
 * millisecond per worker, so throughput is reported in ops/ms.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IdGeneratorBenchmark -f 1 -wi 2 -i 3}.
 * {@link #main(String[])} checks that every strategy returns distinct ids.
 */
@State(Scope.Benchmark)
// Two forks by default: JIT decisions differ between JVMs; -f 1 for a quick look.
@Fork(2)
// Generators are tiny; a few one-second iterations reach steady state.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdGeneratorBenchmark {

  /** The strategies compared. */
  public enum Strategy {
    ARCHLAB_SNOWFLAKE {
      @Override
      IdSource create() {
        IdGenerator generator =
            IdGenerators.snowflake(SnowflakeLayout.twitter()).workerId(1).build();
        return new LongSource(generator::nextId);
      }
    },
    ARCHLAB_UUID_V7 {
      @Override
      IdSource create() {
        UuidGenerator generator = IdGenerators.uuidV7();
        return new UuidSource(generator::next);
      }
    },
    TSID_CREATOR {
      @Override
      IdSource create() {
        TsidFactory factory = TsidFactory.builder().withNodeBits(10).withNode(1).build();
        return new LongSource(() -> factory.create().toLong());
      }
    },
    HUTOOL_SNOWFLAKE {
      @Override
      IdSource create() {
        Snowflake snowflake = new Snowflake(1, 1);
        return new LongSource(snowflake::nextId);
      }
    },
    JUG_UUID_V7 {
      @Override
      IdSource create() {
        TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();
        return new UuidSource(generator::generate);
      }
    };

    abstract IdSource create();
  }

  /** The tiny adapter every strategy is measured through. */
  interface IdSource {
    /** The next id folded to a long, so the benchmark returns the same type for all. */
    long nextAsLong();

    /** The next id itself, for the distinctness check. */
    Object nextValue();
  }

  private record LongSource(java.util.function.LongSupplier supplier) implements IdSource {
    @Override
    public long nextAsLong() {
      return supplier.getAsLong();
    }

    @Override
    public Object nextValue() {
      return supplier.getAsLong();
    }
  }

  private record UuidSource(java.util.function.Supplier<UUID> supplier) implements IdSource {
    @Override
    public long nextAsLong() {
      UUID uuid = supplier.get();
      return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    @Override
    public Object nextValue() {
      return supplier.get();
    }
  }

  @Param public Strategy strategy;

  private IdSource source;

  @Setup(Level.Trial)
  public void setUp() {
    source = strategy.create();
    checkDistinct(strategy, source, 2, 50_000);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public long throughput1Thread() {
    return source.nextAsLong();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(2)
  public long throughput2Threads() {
    return source.nextAsLong();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Threads(1)
  public long latency1Thread() {
    return source.nextAsLong();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Threads(2)
  public long latency2Threads() {
    return source.nextAsLong();
  }

  /**
   * Draws ids from several threads at once and fails if any repeats, so that no strategy is timed
   * while broken.
   */
  static void checkDistinct(Strategy strategy, IdSource source, int threads, int idsPerThread) {
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, threads)
        .parallel()
        .forEach(
            thread -> {
              Set<Object> local = new HashSet<>();
              for (int i = 0; i < idsPerThread; i++) {
                local.add(source.nextValue());
              }
              seen.addAll(local);
            });
    int expected = threads * idsPerThread;
    if (seen.size() != expected) {
      throw new IllegalStateException(
          strategy + " returned " + (expected - seen.size()) + " duplicate ids of " + expected);
    }
  }

  /** Checks every strategy for duplicates across threads, without timing anything. */
  public static void main(String[] args) {
    for (Strategy strategy : Strategy.values()) {
      checkDistinct(strategy, strategy.create(), 4, 250_000);
      System.out.println(strategy + ": 1,000,000 ids from 4 threads, all distinct");
    }
  }
}
