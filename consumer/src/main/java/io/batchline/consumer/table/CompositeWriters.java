package io.batchline.consumer.table;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.batchline.consumer.table.ColumnType.TupleType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Nullable, Array, Map, Tuple and JSON. Nested values are read from the value's raw JSON with a
 * streaming parser over the event's own bytes.
 */
final class CompositeWriters {

  private CompositeWriters() {}

  /** A 1 byte for null, else a 0 byte and the value. */
  static ValueWriter nullable(ValueWriter inner) {
    return (value, out) -> {
      if (value.isMissing()) {
        out.writeByte(1);
      } else {
        out.writeByte(0);
        inner.write(value, out);
      }
    };
  }

  /** A JSON array: its length as a varint, then each element. */
  static ValueWriter array(ValueWriter element, String type) {
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.ARRAY) {
        throw ValueMismatch.of(value, type);
      }
      try {
        out.writeVarUInt(count(value, JsonToken.END_ARRAY));
        try (JsonParser parser = parserOf(value)) {
          parser.nextToken();
          FieldValue item = new FieldValue();
          for (JsonToken token = parser.nextToken();
              token != JsonToken.END_ARRAY;
              token = parser.nextToken()) {
            JsonValues.capture(parser, token, value.bytes(), value.start(), item);
            element.write(item, out);
          }
        }
      } catch (IOException e) {
        throw ValueMismatch.of(value, type);
      }
    };
  }

  /** A JSON object: its number of fields as a varint, then each key and value. */
  static ValueWriter map(ValueWriter key, ValueWriter mapped, String type) {
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.OBJECT) {
        throw ValueMismatch.of(value, type);
      }
      try {
        out.writeVarUInt(count(value, JsonToken.END_OBJECT));
        try (JsonParser parser = parserOf(value)) {
          parser.nextToken();
          FieldValue name = new FieldValue();
          FieldValue item = new FieldValue();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            byte[] field = parser.currentName().getBytes(StandardCharsets.UTF_8);
            key.write(name.text(FieldValue.Kind.STRING, field, 0, field.length), out);
            JsonValues.capture(parser, parser.nextToken(), value.bytes(), value.start(), item);
            mapped.write(item, out);
          }
        }
      } catch (IOException e) {
        throw ValueMismatch.of(value, type);
      }
    };
  }

  /** A JSON array by position, or for a named tuple also a JSON object by element name. */
  static ValueWriter tuple(TupleType type, List<ValueWriter> elements) {
    int size = elements.size();
    return (value, out) -> {
      FieldValue[] items = new FieldValue[size];
      for (int i = 0; i < size; i++) {
        items[i] = new FieldValue();
      }
      try (JsonParser parser = value.isMissing() ? null : parserOf(value)) {
        if (value.kind() == FieldValue.Kind.ARRAY) {
          parser.nextToken();
          int index = 0;
          for (JsonToken token = parser.nextToken();
              token != JsonToken.END_ARRAY;
              token = parser.nextToken()) {
            if (index == size) {
              throw new ValueMismatch(
                  value.preview() + " has more than " + size + " elements for " + type.text());
            }
            JsonValues.capture(parser, token, value.bytes(), value.start(), items[index++]);
          }
        } else if (value.kind() == FieldValue.Kind.OBJECT && !type.names().isEmpty()) {
          parser.nextToken();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int index = type.names().indexOf(parser.currentName());
            JsonToken token = parser.nextToken();
            if (index < 0) {
              parser.skipChildren();
            } else {
              JsonValues.capture(parser, token, value.bytes(), value.start(), items[index]);
            }
          }
        } else {
          throw ValueMismatch.of(value, type.text());
        }
      } catch (IOException e) {
        throw ValueMismatch.of(value, type.text());
      }
      for (int i = 0; i < size; i++) {
        if (items[i].kind() == FieldValue.Kind.ABSENT) {
          items[i].setNull();
        }
        elements.get(i).write(items[i], out);
      }
    };
  }

  /**
   * The JSON type, sent as its JSON text: the insert carries {@code
   * input_format_binary_read_json_as_string=1}, so the server parses it as it would JSONEachRow.
   */
  static ValueWriter json(String type) {
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.OBJECT) {
        throw ValueMismatch.of(value, type);
      }
      out.writeVarUInt(value.length());
      out.writeBytes(value.bytes(), value.start(), value.length());
    };
  }

  private static JsonParser parserOf(FieldValue value) throws IOException {
    return JsonValues.parser(value.bytes(), value.start(), value.end());
  }

  private static int count(FieldValue value, JsonToken end) throws IOException {
    int count = 0;
    try (JsonParser parser = parserOf(value)) {
      parser.nextToken();
      for (JsonToken token = parser.nextToken(); token != end; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME) {
          count++;
          parser.skipChildren();
        }
      }
    }
    return count;
  }
}
