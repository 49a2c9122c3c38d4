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
 * Top-10 prefix completion at one million entries, by prefix length, for both archlab designs and
 * Lucene's WFSTCompletionLookup and AnalyzingSuggester on the same keys and queries. The setup
 * first checks that every contender returns archlab's sorted-index top 10 on 500 queries.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PrefixTopTen} from the repository root.
 */
// Sample time gives the median and p99 per call as well as the mean (whose inverse is throughput).
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// One fork: the build dominates start-up; 3 x 2 s warm-up lets C2 settle on the lookup path.
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PrefixTopTenBenchmark {

  @Param({"COMPACT_TRIE", "SORTED_PREFIX_INDEX", "LUCENE_WFST", "LUCENE_ANALYZING"})
  public Contenders.Kind contender;

  @Param({"1-2", "3-5", "6-9"})
  public String prefixLength;

  @Param({"1000000"})
  public int size;

  private Contenders.Contender index;
  private String[] queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Entry> entries = BenchData.entries(size);
    int[] bounds = Arrays.stream(prefixLength.split("-")).mapToInt(Integer::parseInt).toArray();
    queries = BenchData.prefixes(entries, 4096, bounds[0], bounds[1]);
    index = contender.build(entries);
    Contenders.Contender reference =
        contender == Contenders.Kind.SORTED_PREFIX_INDEX
            ? index
            : Contenders.archlab(
                IndexDesign.SORTED_PREFIX_INDEX, entries, MatchMode.PREFIX, "reference");
    BenchData.requireAgreement(reference, index, Arrays.copyOf(queries, 500));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  @Benchmark
  public List<Contenders.Hit> topTen() {
    String query = queries[next++ & (queries.length - 1)];
    return index.top(query, 10);
  }
}
