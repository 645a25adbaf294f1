package io.batchline.consumer.table;

/**
 * Reads the JSON value at a cursor into a {@link FieldValue} that points into the scanned bytes:
 * strings without escapes, numbers, objects and arrays are not copied. Only a string with escape
 * sequences is decoded into new bytes.
 */
final class JsonValues {

  private JsonValues() {}

  /**
   * Captures the value of {@code kind} that starts at the cursor, leaving the cursor after it;
   * objects and arrays are validated and captured as their raw text.
   */
  static void capture(JsonCursor json, JsonCursor.Kind kind, byte[] source, FieldValue into)
      throws MalformedJson {
    int from = json.position();
    switch (kind) {
      case STRING -> {
        int start = json.string();
        int end = json.lastStringEnd();
        if (json.lastStringEscaped()) {
          byte[] decoded = JsonStrings.decoded(source, start, end);
          into.text(FieldValue.Kind.STRING, decoded, 0, decoded.length);
        } else {
          into.text(FieldValue.Kind.STRING, source, start, end);
        }
      }
      case NUMBER -> {
        boolean integral = json.number();
        into.number(source, from, json.position(), integral);
      }
      case TRUE, FALSE -> {
        json.literal(kind);
        into.bool(kind == JsonCursor.Kind.TRUE);
      }
      case NULL -> {
        json.literal(kind);
        into.setNull();
      }
      case OBJECT, ARRAY -> {
        json.skipValue();
        into.text(
            kind == JsonCursor.Kind.OBJECT ? FieldValue.Kind.OBJECT : FieldValue.Kind.ARRAY,
            source,
            from,
            json.position());
      }
    }
  }

  /** Captures the value at the cursor, whatever its kind. */
  static void capture(JsonCursor json, byte[] source, FieldValue into) throws MalformedJson {
    capture(json, json.peekValue(), source, into);
  }

  /**
   * Reads a member's name and its {@code ':'}, returning the name's bytes: a view of {@code source}
   * when it has no escapes, so callers compare it with {@link FieldValue#textEquals}.
   */
  static FieldValue memberName(JsonCursor json, byte[] source, FieldValue into)
      throws MalformedJson {
    int from = json.memberName();
    int to = json.lastStringEnd();
    if (json.lastStringEscaped()) {
      byte[] decoded = JsonStrings.decoded(source, from, to);
      return into.text(FieldValue.Kind.STRING, decoded, 0, decoded.length);
    }
    return into.text(FieldValue.Kind.STRING, source, from, to);
  }
}
