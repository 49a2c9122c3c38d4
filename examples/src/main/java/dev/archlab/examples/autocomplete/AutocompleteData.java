package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The term lists the autocomplete examples run on: English words with SUBTLEX-US subtitle counts
 * and Japanese IPADIC nouns with readings, both bundled (see docs/autocomplete.md for sources and
 * licences), plus the one-million npm package names from the shared data folder when present.
 */
public final class AutocompleteData {

  /** Categories of the bundled Japanese files, by file name part. */
  private static final Map<String, String> JAPANESE_FILES =
      Map.of(
          "place_names", "ja-place",
          "person_names", "ja-person",
          "proper_nouns_other", "ja-proper",
          "common_nouns", "ja-noun");

  private AutocompleteData() {}

  /** Top of the common weight scale: the best entry of each source gets this weight. */
  public static final long SCALE = 1_000_000;

  /**
   * English words (category {@code en}), weight = the word's percentile rank among the English
   * words by subtitle corpus count (see {@link #percentileWeights}).
   */
  public static List<Entry> english() {
    List<String[]> rows = readTsv("en_subtlex_us.tsv.gz");
    long[] raw = new long[rows.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Long.parseLong(rows.get(i)[1]);
    }
    long[] weights = percentileWeights(raw);
    List<Entry> entries = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      entries.add(Entry.of(rows.get(i)[0], weights[i], "en"));
    }
    return entries;
  }

  /**
   * Puts one source's raw weights on the common scale: each becomes {@code 1 + (SCALE - 1) * below
   * / (n - 1)}, where {@code below} counts the source's entries with a strictly lower raw weight.
   * Raw subtitle counts and MeCab costs are not comparable, but their orders are, so the best entry
   * of every source weighs {@link #SCALE}, its median entry about half that, and ties stay ties.
   */
  static long[] percentileWeights(long[] raw) {
    long[] sorted = raw.clone();
    Arrays.sort(sorted);
    long[] weights = new long[raw.length];
    long span = Math.max(1, raw.length - 1);
    for (int i = 0; i < raw.length; i++) {
      long below = lowerBound(sorted, raw[i]);
      weights[i] = 1 + (SCALE - 1) * below / span;
    }
    return weights;
  }

  private static int lowerBound(long[] sorted, long value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * Japanese nouns with katakana readings, categories {@code ja-place}, {@code ja-person}, {@code
   * ja-proper}, {@code ja-noun}; weight = the noun's percentile rank among all bundled Japanese
   * nouns by 20000 - MeCab cost (a ranking signal, not a frequency; see {@link
   * #percentileWeights}).
   */
  public static List<Entry> japanese() {
    List<String[]> rows = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (String file :
        List.of("place_names", "person_names", "proper_nouns_other", "common_nouns")) {
      for (String[] row : readTsv("ja_" + file + ".tsv.gz")) {
        rows.add(row);
        categories.add(JAPANESE_FILES.get(file));
      }
    }
    long[] raw = new long[rows.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Long.parseLong(rows.get(i)[2]);
    }
    long[] weights = percentileWeights(raw);
    List<Entry> entries = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      String[] row = rows.get(i);
      entries.add(Entry.of(row[0], weights[i], categories.get(i)).withReadings(row[1]));
    }
    return entries;
  }

  /** English and Japanese together: the service's default catalog. */
  public static List<Entry> bundled() {
    List<Entry> all = new ArrayList<>(english());
    all.addAll(japanese());
    return all;
  }

  /**
   * {@code count} entries for scale runs: npm package names from {@code sharedData} when the file
   * is there, else seeded synthetic names of similar shape. npm names carry no popularity, so each
   * gets a distinct weight from a seeded shuffle. Names are normalised and de-duplicated so every
   * index (archlab's and Lucene's) sees identical keys.
   */
  public static List<Entry> scaleSet(Optional<Path> sharedData, int count, long seed) {
    List<String> names = new ArrayList<>(count);
    Path npm = sharedData.map(d -> d.resolve("npm_package_names_sample1m.txt.gz")).orElse(null);
    if (npm != null && Files.isRegularFile(npm)) {
      try (BufferedReader reader = gzipReader(Files.newInputStream(npm))) {
        Map<String, Boolean> seen = new HashMap<>();
        for (String line = reader.readLine();
            line != null && names.size() < count;
            line = reader.readLine()) {
          String key = TextNormalizer.normalize(line);
          if (!key.isEmpty() && seen.putIfAbsent(key, Boolean.TRUE) == null) {
            names.add(key);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + npm, e);
      }
    }
    Random random = new Random(seed);
    Map<String, Boolean> seen = new HashMap<>();
    names.forEach(n -> seen.put(n, Boolean.TRUE));
    while (names.size() < count) {
      String name = syntheticName(random);
      if (seen.putIfAbsent(name, Boolean.TRUE) == null) {
        names.add(name);
      }
    }
    int[] weights = new int[count];
    for (int i = 0; i < count; i++) {
      weights[i] = i + 1;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = weights[i];
      weights[i] = weights[j];
      weights[j] = swap;
    }
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(Entry.of(names.get(i), weights[i]));
    }
    return entries;
  }

  /** True when the scale set would come from the real npm names. */
  public static boolean hasNpmNames(Optional<Path> sharedData) {
    return sharedData
        .map(d -> Files.isRegularFile(d.resolve("npm_package_names_sample1m.txt.gz")))
        .orElse(false);
  }

  private static String syntheticName(Random random) {
    String[] parts = {
      "react", "vue", "node", "babel", "eslint", "plugin", "core", "utils", "cli", "loader",
      "webpack", "types", "config", "parser", "angular", "api", "server", "client", "js", "ts"
    };
    StringBuilder name = new StringBuilder();
    if (random.nextInt(4) == 0) {
      name.append('@').append(parts[random.nextInt(parts.length)]).append('/');
    }
    int words = 1 + random.nextInt(3);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        name.append(random.nextBoolean() ? '-' : '.');
      }
      if (random.nextInt(3) == 0) {
        name.append(parts[random.nextInt(parts.length)]);
      } else {
        int length = 3 + random.nextInt(7);
        for (int i = 0; i < length; i++) {
          name.append((char) ('a' + random.nextInt(26)));
        }
      }
    }
    return name.toString();
  }

  private static List<String[]> readTsv(String resource) {
    String path = "/autocomplete/data/" + resource;
    InputStream in = AutocompleteData.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("bundled data missing from the classpath: " + path);
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = gzipReader(in)) {
      reader.readLine(); // header
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
    return rows;
  }

  private static BufferedReader gzipReader(InputStream in) throws IOException {
    return new BufferedReader(
        new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8));
  }
}
