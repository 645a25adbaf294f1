package io.batchline.consumer.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Whole numbers read from JSON number text or numeric strings, exactly. */
final class IntegerText {

  private IntegerText() {}

  /** Up to 18 digits with an optional sign, else false: the caller takes the exact slow path. */
  static boolean fitsLong(byte[] b, int from, int to) {
    int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    if (i == to || to - i > 18) {
      return false;
    }
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** Only after {@link #fitsLong} said yes. */
  static long parseLong(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    int i = negative || b[from] == '+' ? from + 1 : from;
    long value = 0;
    for (; i < to; i++) {
      value = value * 10 + (b[i] - '0');
    }
    return negative ? -value : value;
  }

  /** Any integral number text, also {@code 1.0} or {@code 1e3}; null when it is not whole. */
  static BigInteger parseBig(byte[] b, int from, int to) {
    try {
      BigDecimal value = new BigDecimal(new String(b, from, to - from, StandardCharsets.US_ASCII));
      return value.toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** Little-endian two's complement of {@code value} in {@code width} bytes. */
  static void writeBig(BigInteger value, int width, RowBinaryBuffer out) {
    byte[] bigEndian = value.toByteArray();
    int fill = value.signum() < 0 ? 0xFF : 0;
    for (int i = 0; i < width; i++) {
      int index = bigEndian.length - 1 - i;
      out.writeByte(index >= 0 ? bigEndian[index] : fill);
    }
  }
}
