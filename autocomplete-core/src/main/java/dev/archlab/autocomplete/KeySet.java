package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The normalised keys an index stores, each with the rank of its entry, sorted by key then rank.
 * Prefix keys are the text and every reading; infix keys are the text from each later word start.
 */
final class KeySet {

  private record KeyRef(String key, int rank) {}

  // One explicit comparison instead of chained key extractors: this sort dominates the build.
  private static final Comparator<KeyRef> ORDER =
      (a, b) -> {
        int byKey = a.key().compareTo(b.key());
        return byKey != 0 ? byKey : Integer.compare(a.rank(), b.rank());
      };

  final String[] keys;
  final int[] ranks;

  private KeySet(String[] keys, int[] ranks) {
    this.keys = keys;
    this.ranks = ranks;
  }

  /** True when some key starts with kana: only then can romaji or kana prefixes match. */
  boolean anyKanaStart() {
    for (String key : keys) {
      if (!key.isEmpty() && TextNormalizer.isKana(key.charAt(0))) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return keys.length;
  }

  static KeySet prefixKeys(EntryTable table) {
    List<KeyRef> refs = new ArrayList<>(table.size() + table.size() / 4);
    for (int rank = 0; rank < table.size(); rank++) {
      for (String key : prefixKeysOf(table.entry(rank))) {
        refs.add(new KeyRef(key, rank));
      }
    }
    return sorted(refs);
  }

  static KeySet infixKeys(EntryTable table) {
    List<KeyRef> refs = new ArrayList<>(table.size() / 2);
    for (int rank = 0; rank < table.size(); rank++) {
      for (String key : infixKeysOf(TextNormalizer.normalize(table.entry(rank).text()))) {
        refs.add(new KeyRef(key, rank));
      }
    }
    return sorted(refs);
  }

  /** The normalised text and readings of an entry, distinct and non-empty. */
  static List<String> prefixKeysOf(Entry entry) {
    if (entry.readings().isEmpty()) {
      String key = TextNormalizer.normalize(entry.text());
      return key.isEmpty() ? List.of() : List.of(key);
    }
    Set<String> keys = new LinkedHashSet<>();
    keys.add(TextNormalizer.normalize(entry.text()));
    for (String reading : entry.readings()) {
      keys.add(TextNormalizer.normalize(reading));
    }
    keys.remove("");
    return List.copyOf(keys);
  }

  /** The normalised text from each word start after the first: a letter or digit after another. */
  static List<String> infixKeysOf(String normalizedText) {
    List<String> keys = new ArrayList<>();
    for (int i = 1; i < normalizedText.length(); i++) {
      if (Character.isLetterOrDigit(normalizedText.charAt(i))
          && !Character.isLetterOrDigit(normalizedText.charAt(i - 1))
          && !Character.isLowSurrogate(normalizedText.charAt(i))) {
        keys.add(normalizedText.substring(i));
      }
    }
    return keys;
  }

  private static KeySet sorted(List<KeyRef> refs) {
    KeyRef[] array = refs.toArray(KeyRef[]::new);
    Arrays.parallelSort(array, ORDER);
    int distinct = 0;
    for (int i = 0; i < array.length; i++) {
      if (i == 0 || ORDER.compare(array[i], array[distinct - 1]) != 0) {
        array[distinct++] = array[i];
      }
    }
    String[] keys = new String[distinct];
    int[] ranks = new int[distinct];
    for (int i = 0; i < distinct; i++) {
      keys[i] = array[i].key();
      ranks[i] = array[i].rank();
    }
    return new KeySet(keys, ranks);
  }
}
