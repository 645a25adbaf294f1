package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.FloatType;
import io.batchline.consumer.table.ColumnType.IntType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Integers (8 to 256 bits), floats and Bool. Numbers come from JSON numbers, numeric strings,
 * booleans (1 and 0) and Kafka attributes; a time ({@code _timestamp}, {@code _ingested_at}) is
 * written as epoch milliseconds. Out of range is a mismatch, never a wrap-around.
 */
final class NumberWriters {

  private NumberWriters() {}

  static ValueWriter integer(IntType type) {
    int bits = type.bits();
    BigInteger min = type.signed() ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        type.signed()
            ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    boolean longRange = bits < 64 || (bits == 64 && type.signed());
    long minLong = longRange ? min.longValueExact() : type.signed() ? Long.MIN_VALUE : 0;
    long maxLong = longRange ? max.longValueExact() : Long.MAX_VALUE;
    int width = bits / 8;
    String name = type.text();
    return (value, out) -> {
      long whole;
      switch (value.kind()) {
        case LONG -> whole = value.longValue();
        case INSTANT -> whole = value.longValue() * 1000 + value.nanos() / 1_000_000;
        case BOOLEAN -> whole = value.booleanValue() ? 1 : 0;
        case NUMBER, STRING -> {
          if (!IntegerText.fitsLong(value.bytes(), value.start(), value.end())) {
            BigInteger big = IntegerText.parseBig(value.bytes(), value.start(), value.end());
            if (big == null || big.compareTo(min) < 0 || big.compareTo(max) > 0) {
              throw ValueMismatch.of(value, name);
            }
            IntegerText.writeBig(big, width, out);
            return;
          }
          whole = IntegerText.parseLong(value.bytes(), value.start(), value.end());
        }
        default -> throw ValueMismatch.of(value, name);
      }
      if (whole < minLong || whole > maxLong) {
        throw ValueMismatch.of(value, name);
      }
      if (width <= 8) {
        out.writeLittleEndian(whole, width);
      } else {
        out.writeLittleEndian(whole, 8);
        for (int i = 8; i < width; i++) {
          out.writeByte(whole < 0 ? 0xFF : 0);
        }
      }
    };
  }

  static ValueWriter floating(FloatType type) {
    boolean single = type.bits() == 32;
    String name = type.text();
    return (value, out) -> {
      double number =
          switch (value.kind()) {
            case LONG -> value.longValue();
            case BOOLEAN -> value.booleanValue() ? 1 : 0;
            case NUMBER, STRING -> parseDouble(value, name);
            default -> throw ValueMismatch.of(value, name);
          };
      if (single) {
        float narrow = (float) number;
        if (Float.isInfinite(narrow) && !Double.isInfinite(number)) {
          throw ValueMismatch.of(value, name);
        }
        out.writeLittleEndian(Float.floatToRawIntBits(narrow), 4);
      } else {
        out.writeLittleEndian(Double.doubleToRawLongBits(number), 8);
      }
    };
  }

  private static double parseDouble(FieldValue value, String name) throws ValueMismatch {
    String text = new String(value.bytes(), value.start(), value.length(), StandardCharsets.UTF_8);
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      if (text.isEmpty() || !isNumberStart(text.charAt(0))) {
        throw ValueMismatch.of(value, name);
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw ValueMismatch.of(value, name);
    }
  }

  private static boolean isNumberStart(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  }

  static ValueWriter bool(String name) {
    return (value, out) -> {
      boolean result =
          switch (value.kind()) {
            case BOOLEAN -> value.booleanValue();
            case LONG -> oneOrZero(value.longValue(), value, name);
            case NUMBER, STRING -> {
              if (value.kind() == FieldValue.Kind.STRING) {
                String text = value.asString();
                if (text.equals("true")) {
                  yield true;
                }
                if (text.equals("false")) {
                  yield false;
                }
              }
              if (!IntegerText.fitsLong(value.bytes(), value.start(), value.end())) {
                throw ValueMismatch.of(value, name);
              }
              yield oneOrZero(
                  IntegerText.parseLong(value.bytes(), value.start(), value.end()), value, name);
            }
            default -> throw ValueMismatch.of(value, name);
          };
      out.writeByte(result ? 1 : 0);
    };
  }

  private static boolean oneOrZero(long number, FieldValue value, String name)
      throws ValueMismatch {
    if (number != 0 && number != 1) {
      throw ValueMismatch.of(value, name);
    }
    return number == 1;
  }
}
