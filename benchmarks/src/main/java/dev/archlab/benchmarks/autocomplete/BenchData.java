package dev.archlab.benchmarks.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.examples.autocomplete.AutocompleteData;
import dev.archlab.examples.autocomplete.Contenders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Data and queries shared by the autocomplete benchmarks: the one-million npm names from {@code
 * ../shared/data} (run from the repository root) or a seeded synthetic set of the same size, and
 * Zipf-drawn prefixes by length bucket. Built once per forked JVM.
 */
final class BenchData {
  static final long SEED = 42;
  private static List<Entry> cached;
  private static int cachedSize;

  private BenchData() {}

  static Optional<Path> sharedData() {
    String configured = System.getProperty("archlab.sharedData");
    Path path =
        configured != null
            ? Path.of(configured)
            : Path.of("..", "shared", "data").toAbsolutePath().normalize();
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  static synchronized List<Entry> entries(int size) {
    if (cached == null || cachedSize != size) {
      cached = AutocompleteData.scaleSet(sharedData(), size, SEED);
      cachedSize = size;
    }
    return cached;
  }

  /** Prefixes of {@code minLength..maxLength} chars of terms drawn by Zipf(0.8) on weight rank. */
  static String[] prefixes(List<Entry> entries, int count, int minLength, int maxLength) {
    List<Entry> byWeight = new ArrayList<>(entries);
    byWeight.sort(Comparator.comparingLong(Entry::weight).reversed());
    double[] cumulative = new double[byWeight.size()];
    double sum = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += 1 / Math.pow(i + 1, 0.8);
      cumulative[i] = sum;
    }
    Random random = new Random(SEED + minLength);
    String[] out = new String[count];
    int filled = 0;
    while (filled < count) {
      int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      String text =
          byWeight.get(Math.min(cumulative.length - 1, index < 0 ? -index - 1 : index)).text();
      int length = minLength + random.nextInt(maxLength - minLength + 1);
      if (text.length() >= length && !Character.isHighSurrogate(text.charAt(length - 1))) {
        out[filled++] = text.substring(0, length);
      }
    }
    return out;
  }

  /** Single words of 2-5 chars (word starts as archlab and the infix analyzer split them). */
  static String[] words(List<Entry> entries, int count) {
    Random random = new Random(SEED + 99);
    String[] out = new String[count];
    int filled = 0;
    while (filled < count) {
      String[] words = entries.get(random.nextInt(entries.size())).text().split("[^\\p{L}\\p{N}]+");
      String word = words[random.nextInt(words.length)];
      if (word.length() >= 2) {
        out[filled++] = word.substring(0, 2 + random.nextInt(Math.min(word.length() - 1, 4)));
      }
    }
    return out;
  }

  /** Fails the trial unless the contender returns the reference's top 10 on every query. */
  static void requireAgreement(
      Contenders.Contender reference, Contenders.Contender contender, String[] queries) {
    for (String q : queries) {
      if (!Contenders.agree(reference.top(q, 10), contender.top(q, 10), 10)) {
        throw new IllegalStateException(
            contender.name()
                + " disagrees with "
                + reference.name()
                + " on '"
                + q
                + "': "
                + reference.top(q, 10)
                + " vs "
                + contender.top(q, 10));
      }
    }
  }
}
