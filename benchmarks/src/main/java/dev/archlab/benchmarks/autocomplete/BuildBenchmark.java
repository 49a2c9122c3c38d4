package dev.archlab.benchmarks.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.examples.autocomplete.Contenders;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building each prefix contender over one million entries (prefix and, for archlab, infix keys),
 * from entries already in memory. Bytes per entry are printed by {@link AutocompleteAgreement}.
 */
// A build is seconds long: single shots, one warm-up build so the JIT has compiled the builder.
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class BuildBenchmark {

  @Param({"COMPACT_TRIE", "SORTED_PREFIX_INDEX", "LUCENE_WFST", "LUCENE_ANALYZING"})
  public Contenders.Kind contender;

  @Param({"1000000"})
  public int size;

  private List<Entry> entries;

  @Setup(Level.Trial)
  public void setUp() {
    entries = BenchData.entries(size);
  }

  @Benchmark
  public long build() {
    try (Contenders.Contender built = contender.build(entries)) {
      return built.bytes();
    }
  }
}
