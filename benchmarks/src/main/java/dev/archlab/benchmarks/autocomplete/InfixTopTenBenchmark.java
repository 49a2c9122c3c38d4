package dev.archlab.benchmarks.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.IndexDesign;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.examples.autocomplete.Contenders;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Word-start infix top 10 at one million entries: archlab's designs (infix keys) beside Lucene's
 * AnalyzingInfixSuggester with an analyzer that splits words where archlab does. Single-word
 * queries, where both define a match the same way; the setup checks agreement on 300 queries.
 */
// Sample time for median and p99; see PrefixTopTenBenchmark for the fork and warm-up choice.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class InfixTopTenBenchmark {

  @Param({"COMPACT_TRIE", "SORTED_PREFIX_INDEX", "LUCENE_ANALYZING_INFIX"})
  public Contenders.InfixKind contender;

  @Param({"1000000"})
  public int size;

  private Contenders.Contender index;
  private String[] queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Entry> entries = BenchData.entries(size);
    queries = BenchData.words(entries, 4096);
    index = contender.build(entries);
    Contenders.Contender reference =
        contender == Contenders.InfixKind.SORTED_PREFIX_INDEX
            ? index
            : Contenders.archlab(
                IndexDesign.SORTED_PREFIX_INDEX, entries, MatchMode.INFIX, "reference");
    BenchData.requireAgreement(reference, index, Arrays.copyOf(queries, 300));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  @Benchmark
  public List<Contenders.Hit> topTen() {
    return index.top(queries[next++ & (queries.length - 1)], 10);
  }
}
