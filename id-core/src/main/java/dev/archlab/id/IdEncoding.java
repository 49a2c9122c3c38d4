package dev.archlab.id;

import java.util.UUID;

/**
 * A fixed-width text form of ids that sorts like the numbers: for any two ids {@code a < b}, {@code
 * encode(a).compareTo(encode(b)) < 0}. Decoding is the exact inverse.
 *
 * <p>UUIDs are encoded as unsigned 128-bit numbers (most significant long first), so their text
 * sorts by that unsigned value, which for version 7 UUIDs is creation time. ({@link UUID#compareTo}
 * compares signed halves and can disagree.)
 *
 * <p>Instances are immutable and thread-safe; arguments are never null. Get them from {@link
 * IdEncodings}.
 *
 * @since 0.1
 */
public interface IdEncoding {

  /**
   * A short name, such as {@code crockford-base32}.
   *
   * @since 0.1
   */
  String name();

  /**
   * Characters in an encoded id.
   *
   * @since 0.1
   */
  int idWidth();

  /**
   * Characters in an encoded UUID.
   *
   * @since 0.1
   */
  int uuidWidth();

  /**
   * Encodes a non-negative id in exactly {@link #idWidth()} characters.
   *
   * @throws IllegalArgumentException when {@code id} is negative
   * @since 0.1
   */
  String encode(long id);

  /**
   * Decodes text produced by {@link #encode(long)}.
   *
   * @throws IllegalArgumentException naming the bad character and its index, the expected length,
   *     or the overflow
   * @since 0.1
   */
  long decode(CharSequence text);

  /**
   * Encodes a UUID in exactly {@link #uuidWidth()} characters.
   *
   * @since 0.1
   */
  String encode(UUID uuid);

  /**
   * Decodes text produced by {@link #encode(UUID)}.
   *
   * @throws IllegalArgumentException as {@link #decode(CharSequence)}
   * @since 0.1
   */
  UUID decodeUuid(CharSequence text);
}
