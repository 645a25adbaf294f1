package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * {@code Decimal(P, S)} from JSON numbers and numeric strings, read from their text and never
 * through binary floating point. A value with more than S decimal places (other than trailing
 * zeros), or more than P digits, is a mismatch: a billing amount is never rounded silently.
 */
final class DecimalWriter implements ValueWriter {

  private final DecimalType type;
  private final BigInteger limit;

  DecimalWriter(DecimalType type) {
    this.type = type;
    this.limit = BigInteger.TEN.pow(type.precision());
  }

  @Override
  public void write(FieldValue value, RowBinaryBuffer out) throws ValueMismatch {
    switch (value.kind()) {
      case NUMBER, STRING -> writeText(value, out);
      case LONG ->
          writeBig(
              BigInteger.valueOf(value.longValue()).multiply(BigInteger.TEN.pow(type.scale())),
              value,
              out);
      default -> throw ValueMismatch.of(value, type.text());
    }
  }

  private void writeText(FieldValue value, RowBinaryBuffer out) throws ValueMismatch {
    byte[] b = value.bytes();
    int from = value.start();
    int to = value.end();
    int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    boolean negative = i > from && b[from] == '-';
    int digits = 0;
    int fractionDigits = 0;
    boolean point = false;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (point) {
          fractionDigits++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      throw ValueMismatch.of(value, type.text());
    }
    int shift = type.scale() - fractionDigits;
    if (i != to || digits + Math.max(shift, 0) > 18 || type.bytes() > 8 && digits > 18) {
      writeExact(value, out);
      return;
    }
    long unscaled = 0;
    for (int k = negative || b[from] == '+' ? from + 1 : from; k < to; k++) {
      if (b[k] != '.') {
        unscaled = unscaled * 10 + (b[k] - '0');
      }
    }
    if (shift >= 0) {
      unscaled *= Timestamps.POWERS[shift];
    } else {
      long divisor = Timestamps.POWERS[Math.min(18, -shift)];
      if (unscaled % divisor != 0) {
        throw tooManyPlaces(value);
      }
      unscaled /= divisor;
    }
    if (unscaled >= limitLong()) {
      throw ValueMismatch.of(value, type.text());
    }
    write(negative ? -unscaled : unscaled, out);
  }

  private long limitLong() {
    return type.precision() >= 19 ? Long.MAX_VALUE : Timestamps.POWERS[type.precision()];
  }

  /** Exponents, very long numbers and wide decimals. */
  private void writeExact(FieldValue value, RowBinaryBuffer out) throws ValueMismatch {
    BigDecimal decimal;
    try {
      decimal =
          new BigDecimal(
              new String(value.bytes(), value.start(), value.length(), StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw ValueMismatch.of(value, type.text());
    }
    BigDecimal scaled = decimal.movePointRight(type.scale());
    BigInteger unscaled;
    try {
      unscaled = scaled.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw tooManyPlaces(value);
    }
    writeBig(unscaled, value, out);
  }

  private void writeBig(BigInteger unscaled, FieldValue value, RowBinaryBuffer out)
      throws ValueMismatch {
    if (unscaled.abs().compareTo(limit) >= 0) {
      throw ValueMismatch.of(value, type.text());
    }
    if (type.bytes() <= 8) {
      write(unscaled.longValue(), out);
    } else {
      IntegerText.writeBig(unscaled, type.bytes(), out);
    }
  }

  private void write(long unscaled, RowBinaryBuffer out) {
    int width = type.bytes();
    out.writeLittleEndian(unscaled, Math.min(width, 8));
    for (int i = 8; i < width; i++) {
      out.writeByte(unscaled < 0 ? 0xFF : 0);
    }
  }

  private ValueMismatch tooManyPlaces(FieldValue value) {
    return new ValueMismatch(
        value.preview() + " has more than " + type.scale() + " decimal places for " + type.text());
  }
}
