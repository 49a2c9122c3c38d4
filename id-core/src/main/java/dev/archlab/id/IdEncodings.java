package dev.archlab.id;

import java.util.List;

/**
 * The built-in sortable text encodings of ids: Crockford base32 (13 characters per 63-bit id, 26
 * per UUID) and base62 (11 and 22).
 *
 * @since 0.1
 */
public final class IdEncodings {

  private static final IdEncoding CROCKFORD_BASE32 =
      new RadixIdEncoding(
          "crockford-base32",
          "0123456789ABCDEFGHJKMNPQRSTVWXYZ",
          RadixIdEncoding.Dialect.CROCKFORD);

  private static final IdEncoding BASE62 =
      new RadixIdEncoding(
          "base62",
          "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
          RadixIdEncoding.Dialect.STRICT);

  private IdEncodings() {}

  /**
   * Douglas Crockford's base32: digits and upper-case letters without I, L, O and U. Encodes in
   * upper case; decoding also accepts lower case, reads I and L as 1 and O as 0, and ignores
   * hyphens, as the specification allows. Check symbols are not supported.
   *
   * @since 0.1
   */
  public static IdEncoding crockfordBase32() {
    return CROCKFORD_BASE32;
  }

  /**
   * Base62 with the ASCII-ordered alphabet {@code 0-9 A-Z a-z}, so text order is numeric order.
   * Case-sensitive.
   *
   * @since 0.1
   */
  public static IdEncoding base62() {
    return BASE62;
  }

  /**
   * Every built-in encoding.
   *
   * @since 0.1
   */
  public static List<IdEncoding> all() {
    return List.of(CROCKFORD_BASE32, BASE62);
  }
}
