package dev.archlab.id;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Fixed-width positional encoding in an alphabet listed in ascending ASCII order, so that text
 * order equals numeric order. UUIDs are handled as four unsigned 32-bit limbs, divided and
 * multiplied by the radix in place, which avoids BigInteger.
 */
final class RadixIdEncoding implements IdEncoding {

  /** How lenient decoding is. */
  enum Dialect {
    /** Only the alphabet's characters. */
    STRICT,
    /** Crockford's rules: any case, I and L read as 1, O as 0, hyphens ignored. */
    CROCKFORD
  }

  private static final int LIMBS = 4;
  private static final long LIMB_MASK = 0xFFFF_FFFFL;

  private final String name;
  private final char[] alphabet;
  private final int radix;
  private final byte[] values = new byte[128];
  private final Dialect dialect;
  private final int idWidth;
  private final int uuidWidth;
  private final String largestId;

  RadixIdEncoding(String name, String alphabet, Dialect dialect) {
    this.name = name;
    this.alphabet = alphabet.toCharArray();
    this.radix = alphabet.length();
    this.dialect = dialect;
    Arrays.fill(values, (byte) -1);
    for (int i = 0; i < radix; i++) {
      char c = alphabet.charAt(i);
      assert i == 0 || c > alphabet.charAt(i - 1) : "alphabet must ascend";
      values[c] = (byte) i;
      if (dialect == Dialect.CROCKFORD) {
        values[Character.toLowerCase(c)] = (byte) i;
      }
    }
    if (dialect == Dialect.CROCKFORD) {
      values['I'] = 1;
      values['i'] = 1;
      values['L'] = 1;
      values['l'] = 1;
      values['O'] = 0;
      values['o'] = 0;
    }
    this.idWidth = digitsFor(63);
    this.uuidWidth = digitsFor(128);
    this.largestId = encode(Long.MAX_VALUE);
  }

  /** The fewest digits that hold every number of {@code bits} bits. */
  private int digitsFor(int bits) {
    int digits = 0;
    double capacityBits = 0;
    double bitsPerDigit = Math.log(radix) / Math.log(2);
    while (capacityBits < bits) {
      capacityBits += bitsPerDigit;
      digits++;
    }
    return digits;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int idWidth() {
    return idWidth;
  }

  @Override
  public int uuidWidth() {
    return uuidWidth;
  }

  @Override
  public String encode(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("id must be >= 0, was " + id);
    }
    char[] out = new char[idWidth];
    long rest = id;
    for (int i = idWidth - 1; i >= 0; i--) {
      out[i] = alphabet[(int) (rest % radix)];
      rest /= radix;
    }
    return new String(out);
  }

  @Override
  public long decode(CharSequence text) {
    Objects.requireNonNull(text, "text");
    byte[] digits = digits(text, idWidth, "id");
    long value = 0;
    for (byte digit : digits) {
      if (value > (Long.MAX_VALUE - digit) / radix) {
        throw new IllegalArgumentException(
            name + " text " + quote(text) + " exceeds the largest id " + largestId + " (2^63-1)");
      }
      value = value * radix + digit;
    }
    return value;
  }

  @Override
  public String encode(UUID uuid) {
    Objects.requireNonNull(uuid, "uuid");
    long[] limbs = {
      uuid.getMostSignificantBits() >>> 32,
      uuid.getMostSignificantBits() & LIMB_MASK,
      uuid.getLeastSignificantBits() >>> 32,
      uuid.getLeastSignificantBits() & LIMB_MASK
    };
    char[] out = new char[uuidWidth];
    for (int i = uuidWidth - 1; i >= 0; i--) {
      out[i] = alphabet[divideInPlace(limbs)];
    }
    return new String(out);
  }

  @Override
  public UUID decodeUuid(CharSequence text) {
    Objects.requireNonNull(text, "text");
    byte[] digits = digits(text, uuidWidth, "UUID");
    long[] limbs = new long[LIMBS];
    for (byte digit : digits) {
      if (!multiplyAddInPlace(limbs, digit)) {
        throw new IllegalArgumentException(
            name + " text " + quote(text) + " exceeds the largest UUID (2^128-1)");
      }
    }
    return new UUID((limbs[0] << 32) | limbs[1], (limbs[2] << 32) | limbs[3]);
  }

  /** Divides the 128-bit number by the radix in place; returns the remainder. */
  private int divideInPlace(long[] limbs) {
    long remainder = 0;
    for (int i = 0; i < LIMBS; i++) {
      long current = (remainder << 32) | limbs[i];
      limbs[i] = current / radix;
      remainder = current % radix;
    }
    return (int) remainder;
  }

  /** Sets the 128-bit number to {@code number * radix + digit}; false on overflow. */
  private boolean multiplyAddInPlace(long[] limbs, int digit) {
    long carry = digit;
    for (int i = LIMBS - 1; i >= 0; i--) {
      long current = limbs[i] * radix + carry;
      limbs[i] = current & LIMB_MASK;
      carry = current >>> 32;
    }
    return carry == 0;
  }

  /** The digit values of {@code text}, which must hold exactly {@code width} digits. */
  private byte[] digits(CharSequence text, int width, String what) {
    byte[] digits = new byte[width];
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-' && dialect == Dialect.CROCKFORD) {
        continue;
      }
      byte value = c < values.length ? values[c] : -1;
      if (value < 0) {
        throw new IllegalArgumentException(
            "invalid "
                + name
                + " character "
                + describe(Character.codePointAt(text, i))
                + " at index "
                + i
                + " of "
                + quote(text)
                + "; expected "
                + expectedCharacters());
      }
      if (count == width) {
        throw wrongLength(text, width, what);
      }
      digits[count++] = value;
    }
    if (count != width) {
      throw wrongLength(text, width, what);
    }
    return digits;
  }

  private IllegalArgumentException wrongLength(CharSequence text, int width, String what) {
    String hyphens = dialect == Dialect.CROCKFORD ? ", not counting hyphens" : "";
    return new IllegalArgumentException(
        "a "
            + name
            + " "
            + what
            + " must have "
            + width
            + " characters"
            + hyphens
            + ", was "
            + quote(text)
            + " ("
            + text.length()
            + " characters)");
  }

  /**
   * The text in quotes for an error message: cut after a few ids' worth of characters, so a huge
   * input cannot blow up the message, with control and non-ASCII characters escaped.
   */
  private String quote(CharSequence text) {
    int limit = 2 * uuidWidth;
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length() && i < limit; i++) {
      char c = text.charAt(i);
      if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
        quoted.append(c);
      } else {
        quoted.append(String.format("\\u%04X", (int) c));
      }
    }
    quoted.append('"');
    if (text.length() > limit) {
      quoted.append("... (cut after ").append(limit).append(" characters)");
    }
    return quoted.toString();
  }

  /** A character by glyph and code point, so blanks, controls and look-alikes are told apart. */
  private static String describe(int codePoint) {
    String hex = String.format("U+%04X", codePoint);
    boolean printable = codePoint > ' ' && codePoint <= '~';
    return printable ? "'" + Character.toString(codePoint) + "' (" + hex + ")" : hex;
  }

  private String expectedCharacters() {
    return dialect == Dialect.CROCKFORD
        ? "0-9 or A-Z except U, in any case (I and L read as 1, O as 0, hyphens ignored)"
        : "0-9, A-Z or a-z";
  }

  @Override
  public String toString() {
    return "IdEncoding[" + name + "]";
  }
}
