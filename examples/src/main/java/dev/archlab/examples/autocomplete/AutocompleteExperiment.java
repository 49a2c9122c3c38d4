package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.IndexDesign;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.autocomplete.Query;
import dev.archlab.autocomplete.Suggester;
import dev.archlab.autocomplete.Suggestion;
import dev.archlab.autocomplete.TextNormalizer;
import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import org.HdrHistogram.Histogram;

/**
 * The autocomplete experiment: both archlab designs beside Lucene's suggesters on the same keys and
 * queries (agreement, build time, bytes per entry, latency by prefix length), exactness against the
 * brute-force model, a Zipf query workload through the live layer's result cache, and sample
 * suggestions in English and Japanese.
 */
public final class AutocompleteExperiment implements Experiment {

  /** Prefix-length buckets of the latency table, as in the issue: 1-2, 3-5 and 6-9 chars. */
  static final int[][] BUCKETS = {{1, 2}, {3, 5}, {6, 9}};

  @Override
  public String id() {
    return "autocomplete";
  }

  @Override
  public String title() {
    return "Autocomplete: compact trie vs sorted prefix index vs Lucene";
  }

  @Override
  public void run(LabContext context, Section section) throws Exception {
    boolean full = context.full();
    Random random = new Random(context.seed());
    List<Entry> catalog = catalog(full);
    section.paragraph(
        "Catalog: "
            + catalog.size()
            + " entries (English words weighted by SUBTLEX-US subtitle counts; Japanese IPADIC"
            + " nouns with katakana readings, weighted by 20000 - MeCab cost). Timings are"
            + " single-threaded System.nanoTime per query after a warm-up pass, on a shared"
            + " machine: rerun for your own numbers; the JMH benchmarks in benchmarks/ are the"
            + " careful measurement.");

    samples(catalog, section);
    exactness(catalog, random, full ? 400 : 80, section);
    List<Entry> keys = comparisonSet(context, full);
    compare(keys, random, full ? 4_000 : 300, context, section);
    infix(keys, random, full ? 2_000 : 200, section);
    zipfWorkload(catalog, random, full ? 60_000 : 4_000, section);
  }

  private static List<Entry> catalog(boolean full) {
    if (full) {
      return AutocompleteData.bundled();
    }
    List<Entry> small = new ArrayList<>(AutocompleteData.english().subList(0, 15_000));
    List<Entry> japanese = AutocompleteData.japanese();
    japanese.sort(Comparator.comparingLong(Entry::weight).reversed());
    small.addAll(japanese.subList(0, 6_000));
    return small;
  }

  /** Normalised, unique keys for the side-by-side with Lucene (which does no normalisation). */
  private static List<Entry> comparisonSet(LabContext context, boolean full) {
    if (full) {
      return AutocompleteData.scaleSet(context.sharedData(), 300_000, context.seed());
    }
    Map<String, Long> unique = new LinkedHashMap<>();
    for (Entry e : AutocompleteData.english().subList(0, 15_000)) {
      unique.merge(TextNormalizer.normalize(e.text()), e.weight(), Math::max);
    }
    List<Entry> keys = new ArrayList<>();
    unique.forEach((text, weight) -> keys.add(Entry.of(text, weight)));
    return keys;
  }

  private static void samples(List<Entry> catalog, Section section) {
    Suggester suggester = IndexDesign.SORTED_PREFIX_INDEX.build(catalog);
    Table table = Table.withHeaders("typed", "mode", "category", "top suggestions");
    Object[][] inputs = {
      {"th", MatchMode.PREFIX, null},
      {"ＬＯＶ", MatchMode.PREFIX, null},
      {"recieve", MatchMode.FUZZY, null},
      {"ball", MatchMode.INFIX, null},
      {"とうき", MatchMode.PREFIX, null},
      {"キョウ", MatchMode.PREFIX, "ja-place"},
      {"toukyo", MatchMode.PREFIX, null},
      {"kyo", MatchMode.PREFIX, "ja-person"},
      {"き", MatchMode.PREFIX, "ja-noun"},
      {"ｼﾝｼﾞｭｸ", MatchMode.PREFIX, null},
    };
    for (Object[] input : inputs) {
      Query query = new Query((String) input[0], 5, (String) input[2], (MatchMode) input[1]);
      List<String> shown = new ArrayList<>();
      for (Suggestion s : suggester.suggest(query)) {
        shown.add(s.term() + (s.fuzzy() ? "~" : ""));
      }
      table.row(input[0], input[1], input[2] == null ? "all" : input[2], String.join(", ", shown));
    }
    section.table("Sample suggestions from the bundled catalog (~ marks a one-typo match)", table);
  }

  private static void exactness(List<Entry> catalog, Random random, int count, Section section) {
    Suggester model = IndexDesign.BRUTE_FORCE.build(catalog);
    Suggester trie = IndexDesign.COMPACT_TRIE.build(catalog);
    Suggester sorted = IndexDesign.SORTED_PREFIX_INDEX.build(catalog);
    List<String> categories = List.of("en", "ja-place", "ja-person", "ja-proper", "ja-noun");
    int sameTrie = 0;
    int sameSorted = 0;
    long expectedHits = 0;
    long foundTrie = 0;
    long foundSorted = 0;
    for (int i = 0; i < count; i++) {
      Entry entry = catalog.get(random.nextInt(catalog.size()));
      String source =
          !entry.readings().isEmpty() && random.nextBoolean()
              ? entry.readings().get(0)
              : entry.text();
      String typed = source.substring(0, 1 + random.nextInt(Math.min(source.length(), 6)));
      MatchMode mode = MatchMode.values()[random.nextInt(MatchMode.values().length)];
      String category = random.nextInt(4) == 0 ? categories.get(random.nextInt(5)) : null;
      Query query = new Query(typed, 10, category, mode);
      List<Suggestion> expected = model.suggest(query);
      List<Suggestion> byTrie = trie.suggest(query);
      List<Suggestion> bySorted = sorted.suggest(query);
      sameTrie += expected.equals(byTrie) ? 1 : 0;
      sameSorted += expected.equals(bySorted) ? 1 : 0;
      expectedHits += expected.size();
      foundTrie += overlap(expected, byTrie);
      foundSorted += overlap(expected, bySorted);
    }
    double recallTrie = expectedHits == 0 ? 1 : (double) foundTrie / expectedHits;
    double recallSorted = expectedHits == 0 ? 1 : (double) foundSorted / expectedHits;
    Table table = Table.withHeaders("design", "identical answers", "recall@10 vs brute force");
    table.row(
        "compact trie", sameTrie + " / " + count, String.format(Locale.ROOT, "%.4f", recallTrie));
    table.row(
        "sorted prefix index",
        sameSorted + " / " + count,
        String.format(Locale.ROOT, "%.4f", recallSorted));
    section.table(
        "Exactness: random prefix, infix and fuzzy queries (some with a category) on the"
            + " catalog, against the brute-force model",
        table);
    section.summary("recall@10 vs brute force (trie, sorted)", recallTrie + ", " + recallSorted);
  }

  private static long overlap(List<Suggestion> expected, List<Suggestion> got) {
    Set<String> terms = new HashSet<>();
    expected.forEach(s -> terms.add(s.term()));
    return got.stream().filter(s -> terms.contains(s.term())).count();
  }

  private static void compare(
      List<Entry> keys, Random random, int perBucket, LabContext context, Section section)
      throws Exception {
    List<List<String>> queries = new ArrayList<>();
    for (int[] bucket : BUCKETS) {
      queries.add(prefixQueries(keys, random, perBucket, bucket[0], bucket[1]));
    }
    Table table =
        Table.withHeaders(
            "contender",
            "build (ms)",
            "bytes/entry",
            "p50 1-2 (us)",
            "p99 1-2 (us)",
            "p50 3-5 (us)",
            "p50 6-9 (us)",
            "agrees with archlab trie");
    Map<String, Double> chart = new LinkedHashMap<>();
    Contenders.Contender reference = null;
    try (ProgressBar bar =
        context.progress("autocomplete contenders", Contenders.Kind.values().length)) {
      for (Contenders.Kind kind : Contenders.Kind.values()) {
        long start = System.nanoTime();
        Contenders.Contender contender = kind.build(keys);
        double buildMillis = (System.nanoTime() - start) / 1e6;
        if (reference == null) {
          reference = contender;
        }
        int agreeing = 0;
        int total = 0;
        double[] p50 = new double[BUCKETS.length];
        double p99Short = 0;
        for (int b = 0; b < BUCKETS.length; b++) {
          Histogram histogram = time(contender::top, queries.get(b));
          p50[b] = histogram.getValueAtPercentile(50) / 1000.0;
          if (b == 0) {
            p99Short = histogram.getValueAtPercentile(99) / 1000.0;
          }
          for (String q : queries.get(b)) {
            total++;
            agreeing += Contenders.agree(reference.top(q, 10), contender.top(q, 10), 10) ? 1 : 0;
          }
        }
        table.row(
            kind.label,
            String.format(Locale.ROOT, "%.0f", buildMillis),
            String.format(Locale.ROOT, "%.1f", (double) contender.bytes() / keys.size()),
            us(p50[0]),
            us(p99Short),
            us(p50[1]),
            us(p50[2]),
            agreeing + " / " + total);
        chart.put(kind.label, p50[0]);
        section.summary(kind.label + " p50 top-10, 1-2 chars (us)", us(p50[0]));
        if (contender != reference) {
          contender.close();
        }
        bar.step();
      }
    }
    section.table(
        "Top-10 prefix completion on "
            + keys.size()
            + (keys.get(0).category().isEmpty() && keys.size() > 100_000
                ? " scale-set keys (npm package names when ../shared/data is present)"
                : " normalised English words")
            + ", the same keys and queries for every contender",
        table);
    section.barChart(
        "prefix-latency", "Median top-10 latency, 1-2 character prefixes", "microseconds", chart);
  }

  private static void infix(List<Entry> keys, Random random, int count, Section section) {
    List<String> queries = new ArrayList<>();
    while (queries.size() < count) {
      String text = keys.get(random.nextInt(keys.size())).text();
      String[] words = text.split("[^\\p{L}\\p{N}]+");
      String word = words[random.nextInt(words.length)];
      if (word.length() >= 2) {
        queries.add(word.substring(0, 2 + random.nextInt(Math.min(word.length() - 1, 4))));
      }
    }
    Table table = Table.withHeaders("contender", "build (ms)", "p50 (us)", "p99 (us)", "agrees");
    Contenders.Contender reference = null;
    for (Contenders.InfixKind kind : Contenders.InfixKind.values()) {
      long start = System.nanoTime();
      Contenders.Contender contender = kind.build(keys);
      double buildMillis = (System.nanoTime() - start) / 1e6;
      if (reference == null) {
        reference = contender;
      }
      Histogram histogram = time(contender::top, queries);
      int agreeing = 0;
      for (String q : queries) {
        agreeing += Contenders.agree(reference.top(q, 10), contender.top(q, 10), 10) ? 1 : 0;
      }
      table.row(
          kind.label,
          String.format(Locale.ROOT, "%.0f", buildMillis),
          us(histogram.getValueAtPercentile(50) / 1000.0),
          us(histogram.getValueAtPercentile(99) / 1000.0),
          agreeing + " / " + queries.size());
      section.summary(kind.label + " p50 (us)", us(histogram.getValueAtPercentile(50) / 1000.0));
      if (contender != reference) {
        contender.close();
      }
    }
    section.table("Word-start infix top-10 (single-word queries of 2-5 chars)", table);
  }

  private static void zipfWorkload(List<Entry> catalog, Random random, int count, Section section) {
    List<Entry> byWeight = new ArrayList<>(catalog);
    byWeight.sort(Comparator.comparingLong(Entry::weight).reversed());
    ZipfSampler zipf = new ZipfSampler(byWeight.size(), 1.0);
    List<String> typed = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = byWeight.get(zipf.sample(random)).text();
      typed.add(text.substring(0, 1 + random.nextInt(Math.min(text.length(), 6))));
    }
    Table table = Table.withHeaders("result cache", "queries", "hit ratio", "p50 (us)", "p99 (us)");
    for (boolean cached : new boolean[] {false, true}) {
      try (LiveSuggester live =
          LiveSuggester.builder(catalog)
              .cache(cached ? 100_000 : 0, Duration.ofMinutes(5))
              .refreshInterval(Duration.ofSeconds(5))
              .build()) {
        Histogram histogram =
            time((q, k) -> live.suggest(Query.prefix(q, k), null), typed.subList(0, count / 10));
        histogram = time((q, k) -> live.suggest(Query.prefix(q, k), null), typed);
        LiveSuggester.Stats stats = live.stats();
        String ratio = cached ? String.format(Locale.ROOT, "%.3f", stats.cacheHitRatio()) : "-";
        table.row(
            cached ? "Caffeine, 100k answers" : "off",
            count,
            ratio,
            us(histogram.getValueAtPercentile(50) / 1000.0),
            us(histogram.getValueAtPercentile(99) / 1000.0));
        if (cached) {
          section.summary("Zipf workload result-cache hit ratio", ratio);
        }
      }
    }
    section.table(
        "Zipf(1.0) query workload over the catalog through the live layer (prefixes of 1-6"
            + " chars of terms drawn by popularity rank; the first tenth also warms up)",
        table);
  }

  private static List<String> prefixQueries(
      List<Entry> keys, Random random, int count, int minLength, int maxLength) {
    List<Entry> byWeight = new ArrayList<>(keys);
    byWeight.sort(Comparator.comparingLong(Entry::weight).reversed());
    ZipfSampler zipf = new ZipfSampler(byWeight.size(), 0.8);
    List<String> out = new ArrayList<>(count);
    int attempts = 0;
    while (out.size() < count && attempts++ < count * 100) {
      String text = byWeight.get(zipf.sample(random)).text();
      int length = minLength + random.nextInt(maxLength - minLength + 1);
      if (text.length() >= length && !Character.isSurrogate(text.charAt(length - 1))) {
        out.add(text.substring(0, length));
      }
    }
    return out;
  }

  interface Lookup {
    Object top(String prefix, int k);
  }

  /** One warm-up pass, then one timed pass; nanoseconds per query. */
  static Histogram time(Lookup lookup, List<String> queries) {
    Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    long sink = 0;
    for (String q : queries) {
      sink += lookup.top(q, 10).hashCode();
    }
    for (String q : queries) {
      long start = System.nanoTime();
      Object result = lookup.top(q, 10);
      histogram.recordValue(Math.max(1, System.nanoTime() - start));
      sink += result.hashCode();
    }
    if (sink == 42) {
      histogram.recordValue(1);
    }
    return histogram;
  }

  private static String us(double micros) {
    return String.format(Locale.ROOT, micros < 10 ? "%.2f" : "%.1f", micros);
  }

  /** Zipf ranks by inverse-CDF over precomputed cumulative weights. */
  static final class ZipfSampler {
    private final double[] cumulative;

    ZipfSampler(int n, double exponent) {
      cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1 / Math.pow(i + 1, exponent);
        cumulative[i] = sum;
      }
    }

    int sample(Random random) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int index = java.util.Arrays.binarySearch(cumulative, u);
      return Math.min(cumulative.length - 1, index < 0 ? -index - 1 : index);
    }
  }

  static Function<String, String> normalizer() {
    return TextNormalizer::normalize;
  }
}
