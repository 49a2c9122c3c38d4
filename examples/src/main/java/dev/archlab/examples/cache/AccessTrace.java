package dev.archlab.examples.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * A sequence of requested keys: a real trace read from {@code ../shared/data/cache_traces} (never
 * copied into the repository) or a seeded Zipf workload.
 *
 * @param name where the keys came from
 * @param keys requested keys in order
 */
public record AccessTrace(String name, long[] keys) {

  /**
   * Reads a gzip text trace with one integer key per line (the LIRS and cache2k traces).
   *
   * @param limit at most this many requests are kept
   */
  public static AccessTrace read(Path file, int limit) throws IOException {
    long[] keys = new long[1 << 16];
    int count = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
      String line;
      int lineNumber = 0;
      while ((line = lines.readLine()) != null && count < limit) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          if (count == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
          }
          keys[count++] = Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
          throw new IOException(
              file + " line " + lineNumber + ": expected one integer key, got '" + line + "'", e);
        }
      }
    }
    return new AccessTrace(file.getFileName().toString(), Arrays.copyOf(keys, count));
  }

  /**
   * {@code requests} keys drawn from a Zipf distribution over {@code distinct} keys with exponent
   * {@code s}; key 0 is the most popular. Sampled by inverting the cumulative distribution.
   */
  public static AccessTrace zipf(int requests, int distinct, double s, long seed) {
    double[] cumulative = new double[distinct];
    double total = 0;
    for (int rank = 0; rank < distinct; rank++) {
      total += 1.0 / Math.pow(rank + 1, s);
      cumulative[rank] = total;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[requests];
    for (int i = 0; i < requests; i++) {
      double u = random.nextDouble() * total;
      int at = Arrays.binarySearch(cumulative, u);
      keys[i] = at >= 0 ? at : Math.min(distinct - 1, -at - 1);
    }
    return new AccessTrace("zipf(s=" + s + ", keys=" + distinct + ")", keys);
  }

  public int size() {
    return keys.length;
  }

  /** Number of distinct keys. */
  public int distinct() {
    Set<Long> seen = new HashSet<>();
    for (long key : keys) {
      seen.add(key);
    }
    return seen.size();
  }
}
