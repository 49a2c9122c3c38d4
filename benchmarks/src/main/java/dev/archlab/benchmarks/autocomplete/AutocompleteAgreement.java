package dev.archlab.benchmarks.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.examples.autocomplete.Contenders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's first step, runnable alone: builds every contender over the scale set, checks they
 * all return the same top 10 on 2,000 prefix and 1,000 infix queries, and prints build time and
 * bytes per entry.
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.archlab.benchmarks.autocomplete.AutocompleteAgreement [entries]}.
 */
public final class AutocompleteAgreement {
  private AutocompleteAgreement() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<Entry> entries = BenchData.entries(size);
    List<String> queries = new ArrayList<>();
    for (int[] bucket : new int[][] {{1, 2}, {3, 5}, {6, 9}}) {
      queries.addAll(List.of(BenchData.prefixes(entries, 667, bucket[0], bucket[1])));
    }
    String source =
        BenchData.sharedData().isPresent()
            ? "npm package names"
            : "synthetic names (no shared data)";
    System.out.printf(Locale.ROOT, "%d entries: %s%n%n", entries.size(), source);
    System.out.printf(
        Locale.ROOT, "%-40s %10s %12s %10s%n", "contender", "build (s)", "bytes/entry", "agrees");

    Contenders.Contender reference = null;
    for (Contenders.Kind kind : Contenders.Kind.values()) {
      reference = report(kind.label, () -> kind.build(entries), reference, queries, entries.size());
    }
    List<String> words = List.of(BenchData.words(entries, 1000));
    Contenders.Contender infixReference = null;
    for (Contenders.InfixKind kind : Contenders.InfixKind.values()) {
      infixReference =
          report(kind.label, () -> kind.build(entries), infixReference, words, entries.size());
    }
  }

  private static Contenders.Contender report(
      String label,
      java.util.function.Supplier<Contenders.Contender> builder,
      Contenders.Contender reference,
      List<String> queries,
      int size) {
    System.gc();
    long start = System.nanoTime();
    Contenders.Contender contender = builder.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    Contenders.Contender against = reference == null ? contender : reference;
    int agreeing = 0;
    for (String q : queries) {
      agreeing += Contenders.agree(against.top(q, 10), contender.top(q, 10), 10) ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%-40s %10.2f %12.1f %5d/%d%n",
        label,
        seconds,
        (double) contender.bytes() / size,
        agreeing,
        queries.size());
    if (reference != null) {
      contender.close();
      return reference;
    }
    return contender;
  }
}
