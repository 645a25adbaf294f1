package io.batchline.consumer.table;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON value at a parser's current token into a {@link FieldValue} that points into the
 * parsed bytes: strings without escapes, numbers, objects and arrays are not copied. Only a string
 * with escape sequences is decoded (by Jackson, which also validates its UTF-8) into new bytes.
 */
public final class JsonValues {

  static final JsonFactory JSON = new JsonFactory();

  private JsonValues() {}

  /** A parser over {@code bytes[start, end)}; token offsets are relative to {@code start}. */
  static JsonParser parser(byte[] bytes, int start, int end) throws IOException {
    return JSON.createParser(bytes, start, end - start);
  }

  /**
   * Captures the value whose first token is {@code token}; objects and arrays are skipped to their
   * end. {@code base} is the offset of the parser's input within {@code source}.
   */
  static void capture(JsonParser parser, JsonToken token, byte[] source, int base, FieldValue into)
      throws IOException {
    switch (token) {
      case VALUE_STRING -> captureString(parser, source, base, into);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        int from = base + (int) parser.currentTokenLocation().getByteOffset();
        into.number(
            source, from, from + parser.getTextLength(), token == JsonToken.VALUE_NUMBER_INT);
      }
      case VALUE_TRUE -> into.bool(true);
      case VALUE_FALSE -> into.bool(false);
      case VALUE_NULL -> into.setNull();
      case START_OBJECT, START_ARRAY -> {
        int from = base + (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int to = base + (int) parser.currentLocation().getByteOffset();
        into.text(
            token == JsonToken.START_OBJECT ? FieldValue.Kind.OBJECT : FieldValue.Kind.ARRAY,
            source,
            from,
            to);
      }
      default -> throw new IOException("unexpected token " + token);
    }
  }

  private static void captureString(JsonParser parser, byte[] source, int base, FieldValue into)
      throws IOException {
    int quote = base + (int) parser.currentTokenLocation().getByteOffset();
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    int close = base + (int) parser.currentLocation().getByteOffset();
    int from = quote + 1;
    int to = close - 1;
    if (to - from == length || !containsBackslash(source, from, to)) {
      into.text(FieldValue.Kind.STRING, source, from, to);
      return;
    }
    byte[] decoded = new String(chars, offset, length).getBytes(StandardCharsets.UTF_8);
    into.text(FieldValue.Kind.STRING, decoded, 0, decoded.length);
  }

  private static boolean containsBackslash(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\\') {
        return true;
      }
    }
    return false;
  }
}
