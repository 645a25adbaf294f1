package io.batchline.consumer.table;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Encodes one JSON value with a type's writer, for tests. */
final class Values {

  private Values() {}

  static FieldValue json(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      FieldValue value = new FieldValue();
      JsonValues.capture(new JsonCursor(bytes), bytes, value);
      return value;
    } catch (MalformedJson e) {
      throw new IllegalArgumentException(json + ": " + e.getMessage(), e);
    }
  }

  /** The hex of the value's encoding. */
  static String hex(String type, String json) throws ValueMismatch {
    return hex(type, json(json));
  }

  static String hex(String type, FieldValue value) throws ValueMismatch {
    ColumnType parsed = TypeParser.parse(type);
    RowBinaryBuffer out = new RowBinaryBuffer();
    WriterFactory.writer(parsed).write(value, out);
    return HexFormat.of().formatHex(out.toByteArray());
  }
}
