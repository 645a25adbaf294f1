package io.batchline.consumer.table;

import io.batchline.consumer.table.ColumnType.TupleType;
import java.util.List;

/**
 * Nullable, Array, Map, Tuple and JSON. Nested values are read from the value's raw JSON with a
 * {@link JsonCursor} over the event's own bytes.
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
        out.writeVarUInt(count(value));
        JsonCursor json = cursorOver(value);
        if (json.enterArray()) {
          return;
        }
        FieldValue item = new FieldValue();
        do {
          JsonValues.capture(json, value.bytes(), item);
          element.write(item, out);
        } while (json.nextElement());
      } catch (MalformedJson e) {
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
        out.writeVarUInt(count(value));
        JsonCursor json = cursorOver(value);
        if (json.enterObject()) {
          return;
        }
        FieldValue name = new FieldValue();
        FieldValue item = new FieldValue();
        do {
          key.write(JsonValues.memberName(json, value.bytes(), name), out);
          JsonValues.capture(json, value.bytes(), item);
          mapped.write(item, out);
        } while (json.nextMember());
      } catch (MalformedJson e) {
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
      try {
        if (value.kind() == FieldValue.Kind.ARRAY) {
          tupleByPosition(value, type, items);
        } else if (value.kind() == FieldValue.Kind.OBJECT && !type.names().isEmpty()) {
          tupleByName(value, type, items);
        } else {
          throw ValueMismatch.of(value, type.text());
        }
      } catch (MalformedJson e) {
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

  private static void tupleByPosition(FieldValue value, TupleType type, FieldValue[] items)
      throws MalformedJson, ValueMismatch {
    JsonCursor json = cursorOver(value);
    if (json.enterArray()) {
      return;
    }
    int index = 0;
    do {
      if (index == items.length) {
        throw new ValueMismatch(
            value.preview() + " has more than " + items.length + " elements for " + type.text());
      }
      JsonValues.capture(json, value.bytes(), items[index++]);
    } while (json.nextElement());
  }

  private static void tupleByName(FieldValue value, TupleType type, FieldValue[] items)
      throws MalformedJson {
    JsonCursor json = cursorOver(value);
    if (json.enterObject()) {
      return;
    }
    FieldValue name = new FieldValue();
    do {
      int index = type.names().indexOf(JsonValues.memberName(json, value.bytes(), name).asString());
      if (index < 0) {
        json.skipValue();
      } else {
        JsonValues.capture(json, value.bytes(), items[index]);
      }
    } while (json.nextMember());
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

  private static JsonCursor cursorOver(FieldValue value) {
    return new JsonCursor(value.bytes(), value.start(), value.end());
  }

  /** The number of elements of an array, or of members of an object. */
  private static int count(FieldValue value) throws MalformedJson {
    JsonCursor json = cursorOver(value);
    boolean array = value.kind() == FieldValue.Kind.ARRAY;
    if (array ? json.enterArray() : json.enterObject()) {
      return 0;
    }
    int count = 0;
    do {
      if (!array) {
        json.memberName();
      }
      json.skipValue();
      count++;
    } while (array ? json.nextElement() : json.nextMember());
    return count;
  }
}
