package dev.archlab.autocomplete;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The normalised keys an index stores, each with the rank of its entry, sorted by key then rank.
 * Prefix keys are the text and every reading; infix keys are the text from each later word start.
 */
final class KeySet {

  final String[] keys;
  final int[] ranks;

  private KeySet(String[] keys, int[] ranks) {
    this.keys = keys;
    this.ranks = ranks;
  }

  /**
   * True when some key starts with kana or the long-vowel mark: only then can the kana prefixes
   * that romaji becomes ({@code "-"} becomes {@code ー}) match.
   */
  boolean anyKanaStart() {
    for (String key : keys) {
      if (!key.isEmpty() && (TextNormalizer.isKana(key.charAt(0)) || key.charAt(0) == 'ー')) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return keys.length;
  }

  static KeySet prefixKeys(EntryTable table) {
    return prefixKeys(table, null);
  }

  /**
   * The prefix keys, visiting entries in {@code order} (ranks; rank order when null): the order
   * texts are read in, which does not change the result.
   */
  static KeySet prefixKeys(EntryTable table, int @Nullable [] order) {
    Collected keys = new Collected(table.size() + table.size() / 8);
    for (int i = 0; i < table.size(); i++) {
      int rank = order == null ? i : order[i];
      for (String key : prefixKeysOf(table.entry(rank))) {
        keys.add(key, rank);
      }
    }
    return keys.sorted();
  }

  static KeySet infixKeys(EntryTable table) {
    return infixKeys(table, null);
  }

  static KeySet infixKeys(EntryTable table, int @Nullable [] order) {
    Collected keys = new Collected(table.size() / 2);
    for (int i = 0; i < table.size(); i++) {
      int rank = order == null ? i : order[i];
      for (String key : infixKeysOf(TextNormalizer.normalize(table.entry(rank).text()))) {
        keys.add(key, rank);
      }
    }
    return keys.sorted();
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

  /** Keys with their ranks, in the order they were visited, before sorting. */
  private static final class Collected {
    private String[] keys;
    private int[] ranks;
    private int size;
    private boolean latin = true;

    Collected(int capacity) {
      keys = new String[Math.max(16, capacity)];
      ranks = new int[keys.length];
    }

    void add(String key, int rank) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        ranks = Arrays.copyOf(ranks, size * 2);
      }
      if (latin) {
        for (int i = 0; i < key.length(); i++) {
          if (key.charAt(i) > 0xff) {
            latin = false;
            break;
          }
        }
      }
      keys[size] = key;
      ranks[size] = rank;
      size++;
    }

    KeySet sorted() {
      int[] ids = new int[size];
      for (int i = 0; i < size; i++) {
        ids[i] = i;
      }
      new KeySorter(keys, ranks, latin).sort(ids);
      String[] sortedKeys = new String[size];
      int[] sortedRanks = new int[size];
      for (int i = 0; i < size; i++) {
        sortedKeys[i] = keys[ids[i]];
        sortedRanks[i] = ranks[ids[i]];
      }
      return new KeySet(sortedKeys, sortedRanks);
    }
  }
}
