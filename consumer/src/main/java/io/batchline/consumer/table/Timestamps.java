package io.batchline.consumer.table;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads every timestamp form the consumer accepts, without allocating on the common paths:
 *
 * <ul>
 *   <li>RFC 3339 text with {@code T}, {@code t} or a space between date and time, seconds and a
 *       fraction of up to 9 digits optional, and an offset ({@code Z}, {@code +01:00}, {@code
 *       +0100}, {@code +01}) optional: <b>without an offset the time is UTC</b>; a date alone is
 *       its midnight UTC;
 *   <li>epoch numbers, as JSON numbers or numeric strings, fractions allowed, whose unit is told by
 *       the magnitude of the whole part: below {@value #SECONDS_BELOW} seconds (that is, before the
 *       year 5138), below {@value #MILLIS_BELOW} milliseconds, below {@value #MICROS_BELOW}
 *       microseconds, else nanoseconds. So {@code 1764547200} is 2025-12-01 in seconds and {@code
 *       1764547200000} the same instant in milliseconds.
 * </ul>
 */
public final class Timestamps {

  static final long SECONDS_BELOW = 100_000_000_000L;
  static final long MILLIS_BELOW = 100_000_000_000_000L;
  static final long MICROS_BELOW = 100_000_000_000_000_000L;

  private Timestamps() {}

  /**
   * @return false when the value is not a timestamp in any accepted form
   */
  public static boolean parse(FieldValue value, TimePoint into) {
    return switch (value.kind()) {
      case INSTANT -> {
        into.set(value.longValue(), value.nanos());
        yield true;
      }
      case LONG -> epoch(value.longValue(), 0, 0, into);
      case NUMBER -> number(value.bytes(), value.start(), value.end(), into);
      case STRING -> text(value.bytes(), value.start(), value.end(), into);
      default -> false;
    };
  }

  private static boolean text(byte[] b, int from, int to, TimePoint into) {
    if (to - from >= 10 && b[from + 4] == '-') {
      return Rfc3339.parse(b, from, to, into);
    }
    return number(b, from, to, into);
  }

  /** An epoch number: sign, digits, optional fraction; an exponent takes the exact slow path. */
  static boolean number(byte[] b, int from, int to, TimePoint into) {
    int i = from;
    boolean negative = i < to && b[i] == '-';
    if (negative || (i < to && b[i] == '+')) {
      i++;
    }
    long whole = 0;
    int digits = 0;
    for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
      if (digits >= 18 && whole > (Long.MAX_VALUE - (b[i] - '0')) / 10) {
        return false;
      }
      whole = whole * 10 + (b[i] - '0');
    }
    if (digits == 0) {
      return false;
    }
    long fraction = 0;
    int fractionDigits = 0;
    if (i < to && b[i] == '.') {
      for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        if (fractionDigits < 18) {
          fraction = fraction * 10 + (b[i] - '0');
          fractionDigits++;
        }
      }
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      return exponent(
          new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII), into);
    }
    if (i != to) {
      return false;
    }
    return epoch(negative ? -whole : whole, negative ? -fraction : fraction, fractionDigits, into);
  }

  /** {@code whole} units plus {@code fraction / 10^fractionDigits} units (same sign). */
  private static boolean epoch(long whole, long fraction, int fractionDigits, TimePoint into) {
    long magnitude = Math.abs(whole);
    int unitDigits =
        magnitude < SECONDS_BELOW
            ? 0
            : magnitude < MILLIS_BELOW ? 3 : magnitude < MICROS_BELOW ? 6 : 9;
    long unitsPerSecond = POWERS[unitDigits];
    long seconds = Math.floorDiv(whole, unitsPerSecond);
    long nanos = Math.floorMod(whole, unitsPerSecond) * POWERS[9 - unitDigits];
    // the fraction of one unit, in nanoseconds: fraction * 10^(9 - unitDigits - fractionDigits)
    int shift = 9 - unitDigits - fractionDigits;
    long fractionNanos =
        shift >= 0 ? fraction * POWERS[shift] : fraction / POWERS[Math.min(18, -shift)];
    nanos += fractionNanos;
    seconds += Math.floorDiv(nanos, 1_000_000_000L);
    into.set(seconds, (int) Math.floorMod(nanos, 1_000_000_000L));
    return true;
  }

  private static boolean exponent(String text, TimePoint into) {
    try {
      BigDecimal value = new BigDecimal(text);
      long magnitude =
          value.abs().toBigInteger().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
      int unitDigits =
          magnitude < SECONDS_BELOW
              ? 0
              : magnitude < MILLIS_BELOW ? 3 : magnitude < MICROS_BELOW ? 6 : 9;
      BigInteger nanos = value.movePointRight(9 - unitDigits).toBigInteger();
      BigInteger[] split = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
      long seconds = split[0].longValueExact();
      long rest = split[1].longValue();
      if (rest < 0) {
        seconds--;
        rest += 1_000_000_000L;
      }
      into.set(seconds, (int) rest);
      return true;
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
  }

  static final long[] POWERS = {
    1L,
    10L,
    100L,
    1_000L,
    10_000L,
    100_000L,
    1_000_000L,
    10_000_000L,
    100_000_000L,
    1_000_000_000L,
    10_000_000_000L,
    100_000_000_000L,
    1_000_000_000_000L,
    10_000_000_000_000L,
    100_000_000_000_000L,
    1_000_000_000_000_000L,
    10_000_000_000_000_000L,
    100_000_000_000_000_000L,
    1_000_000_000_000_000_000L
  };
}
