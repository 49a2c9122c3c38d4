package dev.archlab.autocomplete;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One suggestible term: its text, its weight (higher ranks first), a category and optional readings
 * and payload.
 *
 * <p>Readings are how the term is pronounced, for example the katakana {@code トウキョウ} for {@code
 * 東京}: kana or romaji input that is a prefix of a reading suggests the term. Immutable and
 * thread-safe.
 *
 * @param text the term as shown; not blank
 * @param weight popularity or another ranking signal; zero or more
 * @param category a category name, or {@code ""} for none
 * @param readings pronunciations (any kana); may be empty
 * @param payload opaque data returned with the suggestion (an id, a URL), or null
 * @since 0.1
 */
public record Entry(
    String text, long weight, String category, List<String> readings, @Nullable String payload) {

  /** Validates and copies the readings. */
  public Entry {
    if (text.isBlank()) {
      throw new IllegalArgumentException("entry text must not be blank, got '" + text + "'");
    }
    if (weight < 0) {
      throw new IllegalArgumentException(
          "entry weight must be >= 0, got " + weight + " for '" + text + "'");
    }
    readings = List.copyOf(readings);
  }

  /** An entry without category, readings or payload. */
  public static Entry of(String text, long weight) {
    return new Entry(text, weight, "", List.of(), null);
  }

  /** An entry in a category, without readings or payload. */
  public static Entry of(String text, long weight, String category) {
    return new Entry(text, weight, category, List.of(), null);
  }

  /** This entry with these readings instead of its own. */
  public Entry withReadings(String... newReadings) {
    return new Entry(text, weight, category, List.of(newReadings), payload);
  }

  /** This entry with another weight. */
  public Entry withWeight(long newWeight) {
    return new Entry(text, newWeight, category, readings, payload);
  }

  /** This entry with a payload. */
  public Entry withPayload(@Nullable String newPayload) {
    return new Entry(text, weight, category, readings, newPayload);
  }
}
