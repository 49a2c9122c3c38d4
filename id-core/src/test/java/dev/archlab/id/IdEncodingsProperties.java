package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class IdEncodingsProperties {

  private static final IdEncoding CROCKFORD = IdEncodings.crockfordBase32();
  private static final IdEncoding BASE62 = IdEncodings.base62();
  private static final String CROCKFORD_DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final String BASE62_DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  @Provide
  Arbitrary<IdEncoding> encodings() {
    return Arbitraries.of(IdEncodings.all());
  }

  @Provide
  Arbitrary<UUID> uuids() {
    return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
  }

  @Provide
  Arbitrary<Long> ids() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(0, 10_000),
        Arbitraries.longs().between(Long.MAX_VALUE - 10_000, Long.MAX_VALUE));
  }

  @Property(tries = 500)
  void idsRoundTripInFixedWidth(@ForAll("encodings") IdEncoding encoding, @ForAll("ids") long id) {
    String text = encoding.encode(id);

    assertEquals(encoding.idWidth(), text.length());
    assertEquals(id, encoding.decode(text));
  }

  @Property(tries = 500)
  void textOrderIsNumericOrder(
      @ForAll("encodings") IdEncoding encoding,
      @ForAll("ids") long first,
      @ForAll("ids") long second) {
    int byText = Integer.signum(encoding.encode(first).compareTo(encoding.encode(second)));

    assertEquals(Integer.signum(Long.compare(first, second)), byText);
  }

  @Property(tries = 500)
  void uuidsRoundTripAndSortAsUnsigned128BitNumbers(
      @ForAll("encodings") IdEncoding encoding,
      @ForAll("uuids") UUID first,
      @ForAll("uuids") UUID second) {
    String a = encoding.encode(first);

    assertEquals(encoding.uuidWidth(), a.length());
    assertEquals(first, encoding.decodeUuid(a));
    int byText = Integer.signum(a.compareTo(encoding.encode(second)));
    assertEquals(Integer.signum(unsigned(first).compareTo(unsigned(second))), byText);
  }

  /** The digits agree with an independent model: BigInteger in the same radix. */
  @Property(tries = 300)
  void digitsMatchABigIntegerModel(@ForAll("uuids") UUID uuid, @ForAll("ids") long id) {
    assertEquals(model(BigInteger.valueOf(id), CROCKFORD_DIGITS, 13), CROCKFORD.encode(id));
    assertEquals(model(BigInteger.valueOf(id), BASE62_DIGITS, 11), BASE62.encode(id));
    assertEquals(model(unsigned(uuid), CROCKFORD_DIGITS, 26), CROCKFORD.encode(uuid));
    assertEquals(model(unsigned(uuid), BASE62_DIGITS, 22), BASE62.encode(uuid));
  }

  @Property(tries = 300)
  void crockfordDecodingAcceptsLowerCaseAliasesAndHyphens(@ForAll("ids") long id) {
    String text = CROCKFORD.encode(id);
    String lower = text.toLowerCase(Locale.ROOT);
    String aliased = text.replace('1', 'I').replace('0', 'o');
    String hyphenated = text.substring(0, 4) + "-" + text.substring(4, 9) + "-" + text.substring(9);

    assertEquals(id, CROCKFORD.decode(lower));
    assertEquals(id, CROCKFORD.decode(aliased));
    assertEquals(id, CROCKFORD.decode(aliased.replace('I', 'l')));
    assertEquals(id, CROCKFORD.decode(hyphenated));
  }

  @Property(tries = 200)
  void aBadCharacterIsNamedWithItsIndex(
      @ForAll("encodings") IdEncoding encoding,
      @ForAll("ids") long id,
      @ForAll @LongRange(min = 0, max = 10) long positionSeed) {
    String text = encoding.encode(id);
    int index = (int) (positionSeed % text.length());
    char bad = encoding == CROCKFORD ? 'U' : '!';
    String corrupted = text.substring(0, index) + bad + text.substring(index + 1);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> encoding.decode(corrupted));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "invalid "
                    + encoding.name()
                    + " character '"
                    + bad
                    + "' (U+00"
                    + Integer.toHexString(bad).toUpperCase(java.util.Locale.ROOT)
                    + ") at index "
                    + index),
        error.getMessage());
  }

  @Example
  void wrongLengthsAndOverflowsAreRejected() {
    IllegalArgumentException shortText =
        assertThrows(IllegalArgumentException.class, () -> BASE62.decode("abc"));
    assertEquals(
        "a base62 id must have 11 characters, was \"abc\" (3 characters)", shortText.getMessage());

    IllegalArgumentException overflow =
        assertThrows(IllegalArgumentException.class, () -> CROCKFORD.decode("8000000000000"));
    assertEquals(
        "crockford-base32 text \"8000000000000\" exceeds the largest id 7ZZZZZZZZZZZZ (2^63-1)",
        overflow.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BASE62.decode("zzzzzzzzzzz"));
    assertThrows(IllegalArgumentException.class, () -> CROCKFORD.decodeUuid("8" + "0".repeat(25)));
    assertThrows(IllegalArgumentException.class, () -> CROCKFORD.encode(-1));
    assertEquals("AzL8n0Y58m7", BASE62.encode(Long.MAX_VALUE));
  }

  @Example
  void decode_hugeInput_messageIsCutNotEchoed() {
    String huge = "-".repeat(5_000_000);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> CROCKFORD.decode(huge));

    assertTrue(error.getMessage().length() < 300, error.getMessage());
    assertTrue(error.getMessage().contains("(5000000 characters)"), error.getMessage());
    assertTrue(error.getMessage().contains("cut after 52 characters"), error.getMessage());
  }

  @Example
  void decode_invisibleOrNonAsciiCharacter_isNamedByItsCodePoint() {
    IllegalArgumentException tab =
        assertThrows(IllegalArgumentException.class, () -> BASE62.decode("0000000000\t"));
    assertEquals(
        "invalid base62 character U+0009 at index 10 of \"0000000000\\u0009\"; expected 0-9, A-Z"
            + " or a-z",
        tab.getMessage());

    IllegalArgumentException emoji =
        assertThrows(
            IllegalArgumentException.class, () -> CROCKFORD.decode("00000000000\uD83D\uDE00"));
    assertTrue(
        emoji.getMessage().startsWith("invalid crockford-base32 character U+1F600 at index 11"),
        emoji.getMessage());
  }

  @Example
  void widthsAreTheFewestDigitsThatHoldEveryValue() {
    assertEquals(13, CROCKFORD.idWidth());
    assertEquals(26, CROCKFORD.uuidWidth());
    assertEquals(11, BASE62.idWidth());
    assertEquals(22, BASE62.uuidWidth());
  }

  private static BigInteger unsigned(UUID uuid) {
    BigInteger high = new BigInteger(Long.toUnsignedString(uuid.getMostSignificantBits()));
    BigInteger low = new BigInteger(Long.toUnsignedString(uuid.getLeastSignificantBits()));
    return high.shiftLeft(64).or(low);
  }

  private static String model(BigInteger value, String digits, int width) {
    BigInteger radix = BigInteger.valueOf(digits.length());
    StringBuilder out = new StringBuilder();
    BigInteger rest = value;
    for (int i = 0; i < width; i++) {
      BigInteger[] division = rest.divideAndRemainder(radix);
      out.append(digits.charAt(division[1].intValue()));
      rest = division[0];
    }
    return out.reverse().toString();
  }
}
