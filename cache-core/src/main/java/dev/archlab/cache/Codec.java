package dev.archlab.cache;

import java.util.function.Function;

/**
 * Turns keys or values into strings and back, for tiers and stores that keep text (Redis, JDBC).
 * {@code decode(encode(x))} must equal {@code x}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <T> the type encoded
 * @since 0.1
 */
public interface Codec<T> {

  /** The text form of {@code value}. */
  String encode(T value);

  /** The value whose text form is {@code text}. */
  T decode(String text);

  /** The identity codec for strings. */
  static Codec<String> strings() {
    return of(text -> text, text -> text);
  }

  /** Decimal text for longs. */
  static Codec<Long> longs() {
    return of(String::valueOf, Long::valueOf);
  }

  /** A codec from two functions that must be inverse to each other. */
  static <T> Codec<T> of(
      Function<? super T, String> encoder, Function<String, ? extends T> decoder) {
    return new Codec<>() {
      @Override
      public String encode(T value) {
        return encoder.apply(value);
      }

      @Override
      public T decode(String text) {
        return decoder.apply(text);
      }
    };
  }
}
