package io.batchline.consumer.table;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Encodes one JSON value with a type's writer, for tests. */
final class Values {

  private Values() {}

  static FieldValue json(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try (JsonParser parser = JsonValues.parser(bytes, 0, bytes.length)) {
      FieldValue value = new FieldValue();
      JsonValues.capture(parser, parser.nextToken(), bytes, 0, value);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
