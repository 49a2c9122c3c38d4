package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The radix quicksort orders key ids as String.compareTo, then the rank, then the id would. */
class KeySorterProperties {

  @Property(tries = 200)
  void latinKeys_sortAsStringsThenIds(
      @ForAll @Size(max = 300)
          List<@NotEmpty @StringLength(max = 20) @Chars({'a', 'b', 'ÿ', '-'}) String> keys) {
    check(keys, true);
  }

  @Property(tries = 200)
  void wideKeys_sortAsStringsThenIds(
      @ForAll @Size(max = 300)
          List<
                  @NotEmpty @StringLength(max = 12) @Chars({'a', 'b', 'あ', '\uffee'})
                  @CharRange(from = '\ud842', to = '\ud842') String>
              keys) {
    check(keys, false);
  }

  private static void check(List<String> keys, boolean latin) {
    String[] array = keys.toArray(String[]::new);
    // Ranks repeat and run against ids, so the tie-break by rank is visible.
    int[] ranks = IntStream.range(0, array.length).map(i -> (array.length - i) / 3).toArray();
    int[] ids = IntStream.range(0, array.length).toArray();
    new KeySorter(array, ranks, latin).sort(ids);
    int[] expected =
        IntStream.range(0, array.length)
            .boxed()
            .sorted(
                Comparator.<Integer, String>comparing(i -> array[i])
                    .thenComparing(i -> ranks[i])
                    .thenComparing(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    assertArrayEquals(expected, ids, () -> keys.toString());
  }
}
