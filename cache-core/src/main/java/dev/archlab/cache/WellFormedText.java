package dev.archlab.cache;

import java.util.Locale;

/**
 * Checks text bound for a UTF-8 server (Redis, PostgreSQL). An unpaired surrogate has no UTF-8
 * form: the drivers send {@code ?} instead, so two different keys would meet under one stored key
 * and a value would come back changed.
 */
final class WellFormedText {
  private WellFormedText() {}

  /** The index of the first unpaired surrogate in {@code text}, or -1 when there is none. */
  static int unpairedSurrogateAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code encoded} unchanged; IllegalArgumentException naming {@code what} if it is not. */
  static String require(String what, String encoded, String where) {
    int at = unpairedSurrogateAt(encoded);
    if (at >= 0) {
      throw new IllegalArgumentException(
          what
              + " encodes to text with an unpaired surrogate (U+"
              + Integer.toHexString(encoded.charAt(at)).toUpperCase(Locale.ROOT)
              + " at index "
              + at
              + "), which "
              + where
              + " cannot store as UTF-8 without turning it into another string");
    }
    return encoded;
  }
}
