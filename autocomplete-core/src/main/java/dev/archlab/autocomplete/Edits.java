package dev.archlab.autocomplete;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/** One-edit arithmetic over code points: candidate generation and the slow direct check. */
final class Edits {
  private Edits() {}

  /**
   * Every string one edit from {@code query}, except insertions at the end (those start with the
   * query, so exact prefix matching already finds them). Substituted and inserted code points are
   * only those that actually follow the preceding text in some key, as {@code nextCodePoints}
   * reports.
   */
  static Set<String> candidates(String query, Function<String, int[]> nextCodePoints) {
    int[] cps = query.codePoints().toArray();
    int n = cps.length;
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(join(cps, 0, i) + join(cps, i + 1, n));
    }
    for (int i = 0; i + 1 < n; i++) {
      if (cps[i] != cps[i + 1]) {
        int[] swapped = cps.clone();
        swapped[i] = cps[i + 1];
        swapped[i + 1] = cps[i];
        out.add(join(swapped, 0, n));
      }
    }
    for (int i = 0; i < n; i++) {
      String head = join(cps, 0, i);
      for (int next : nextCodePoints.apply(head)) {
        String c = Character.toString(next);
        if (next != cps[i]) {
          out.add(head + c + join(cps, i + 1, n));
        }
        out.add(head + c + join(cps, i, n));
      }
    }
    out.remove(query);
    out.remove("");
    return out;
  }

  private static String join(int[] cps, int from, int to) {
    return new String(cps, from, to - from);
  }

  /**
   * True when some prefix of {@code key} is at most one edit (insert, delete, substitute, swap of
   * adjacent code points) from {@code query}: the brute-force definition of a fuzzy match.
   */
  static boolean prefixWithinOneEdit(int[] query, int[] key) {
    int n = query.length;
    for (int m = Math.max(0, n - 1); m <= Math.min(key.length, n + 1); m++) {
      if (withinOneEdit(query, Arrays.copyOf(key, m))) {
        return true;
      }
    }
    return false;
  }

  private static boolean withinOneEdit(int[] a, int[] b) {
    if (Math.abs(a.length - b.length) > 1) {
      return false;
    }
    int start = 0;
    while (start < a.length && start < b.length && a[start] == b[start]) {
      start++;
    }
    if (a.length == b.length) {
      if (start == a.length) {
        return true;
      }
      int end = a.length;
      while (end > start && a[end - 1] == b[end - 1]) {
        end--;
      }
      // One substitution, or one swap of two adjacent code points.
      return end - start == 1
          || (end - start == 2 && a[start] == b[start + 1] && a[start + 1] == b[start]);
    }
    int[] longer = a.length > b.length ? a : b;
    int[] shorter = a.length > b.length ? b : a;
    return Arrays.equals(longer, start + 1, longer.length, shorter, start, shorter.length);
  }
}
