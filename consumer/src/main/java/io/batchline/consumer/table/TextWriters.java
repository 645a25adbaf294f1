package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.EnumType;
import io.batchline.consumer.table.ColumnType.FixedStringType;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** String, FixedString, UUID and Enum: text-shaped types. */
final class TextWriters {

  private TextWriters() {}

  /**
   * Any value becomes text: a string as it is, a number or boolean as its JSON text, an object or
   * array as its raw JSON, a Kafka number in decimal, a time in ISO 8601.
   */
  static ValueWriter string() {
    return (value, out) -> {
      switch (value.kind()) {
        case STRING, NUMBER, OBJECT, ARRAY -> {
          out.writeVarUInt(value.length());
          out.writeBytes(value.bytes(), value.start(), value.length());
        }
        case BOOLEAN -> writeAscii(value.booleanValue() ? "true" : "false", out);
        case LONG -> writeAscii(Long.toString(value.longValue()), out);
        case INSTANT ->
            writeAscii(
                java.time.Instant.ofEpochSecond(value.longValue(), value.nanos()).toString(), out);
        default -> throw ValueMismatch.of(value, "String");
      }
    };
  }

  static void writeAscii(String text, RowBinaryBuffer out) {
    out.writeVarUInt(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.writeByte(text.charAt(i));
    }
  }

  /** Up to N bytes of text, padded with zero bytes; longer text is a mismatch. */
  static ValueWriter fixedString(FixedStringType type) {
    int size = type.length();
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.STRING && value.kind() != FieldValue.Kind.NUMBER) {
        throw ValueMismatch.of(value, type.text());
      }
      if (value.length() > size) {
        throw new ValueMismatch(
            value.preview() + " is " + value.length() + " bytes, longer than " + type.text());
      }
      out.writeBytes(value.bytes(), value.start(), value.length());
      for (int i = value.length(); i < size; i++) {
        out.writeByte(0);
      }
    };
  }

  /**
   * RowBinary writes a UUID as two little-endian UInt64: the first half of its text, then the
   * second, so {@code 61f0c404-5cb3-11e7-907b-a6006ad3dba0} starts with {@code e7 11 b3 5c}.
   */
  static ValueWriter uuid() {
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.STRING) {
        throw ValueMismatch.of(value, "UUID");
      }
      byte[] b = value.bytes();
      int from = value.start();
      int length = value.length();
      boolean dashed = length == 36;
      if (!dashed && length != 32) {
        throw ValueMismatch.of(value, "UUID");
      }
      long high = 0;
      long low = 0;
      int nibbles = 0;
      for (int i = from; i < from + length; i++) {
        int position = i - from;
        if (dashed && (position == 8 || position == 13 || position == 18 || position == 23)) {
          if (b[i] != '-') {
            throw ValueMismatch.of(value, "UUID");
          }
          continue;
        }
        int nibble = Character.digit(b[i], 16);
        if (nibble < 0) {
          throw ValueMismatch.of(value, "UUID");
        }
        if (nibbles < 16) {
          high = high << 4 | nibble;
        } else {
          low = low << 4 | nibble;
        }
        nibbles++;
      }
      out.writeLittleEndian(high, 8);
      out.writeLittleEndian(low, 8);
    };
  }

  /** By name, or by number when the number is one of the enum's values. */
  static ValueWriter enumeration(EnumType type) {
    int width = type.bits() / 8;
    byte[][] names = new byte[type.values().size()][];
    int[] numbers = new int[names.length];
    int index = 0;
    for (Map.Entry<String, Integer> entry : type.values().entrySet()) {
      names[index] = entry.getKey().getBytes(StandardCharsets.UTF_8);
      numbers[index++] = entry.getValue();
    }
    return (value, out) -> {
      switch (value.kind()) {
        case STRING -> {
          for (int i = 0; i < names.length; i++) {
            if (value.textEquals(names[i])) {
              out.writeLittleEndian(numbers[i], width);
              return;
            }
          }
        }
        case LONG -> {
          if (writeNumber(value.longValue(), numbers, width, out)) {
            return;
          }
        }
        case NUMBER -> {
          if (IntegerText.fitsLong(value.bytes(), value.start(), value.end())
              && writeNumber(
                  IntegerText.parseLong(value.bytes(), value.start(), value.end()),
                  numbers,
                  width,
                  out)) {
            return;
          }
        }
        default -> {}
      }
      throw new ValueMismatch(value.preview() + " is not a value of " + type.text());
    };
  }

  private static boolean writeNumber(long number, int[] numbers, int width, RowBinaryBuffer out) {
    for (int known : numbers) {
      if (known == number) {
        out.writeLittleEndian(known, width);
        return true;
      }
    }
    return false;
  }
}
