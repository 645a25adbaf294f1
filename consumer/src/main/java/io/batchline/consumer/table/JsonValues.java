package io.batchline.consumer.table;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON value at a parser's current token into a {@link FieldValue} that points into the
 * parsed bytes: strings without escapes, numbers, objects and arrays are not copied. Only a string
 * with escape sequences is decoded into new bytes.
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
        int from = base + tokenStart(parser);
        into.number(
            source, from, from + parser.getTextLength(), token == JsonToken.VALUE_NUMBER_INT);
      }
      case VALUE_TRUE -> into.bool(true);
      case VALUE_FALSE -> into.bool(false);
      case VALUE_NULL -> into.setNull();
      case START_OBJECT, START_ARRAY -> {
        int from = base + tokenStart(parser);
        parser.skipChildren();
        int to = base + tokenStart(parser) + 1;
        into.text(
            token == JsonToken.START_OBJECT ? FieldValue.Kind.OBJECT : FieldValue.Kind.ARRAY,
            source,
            from,
            to);
      }
      default -> throw new IOException("unexpected token " + token);
    }
  }

  /**
   * A string without escapes is its raw bytes, found by looking for the closing quote here; Jackson
   * still validates their UTF-8 when it moves past the token. Only a string with escapes is
   * decoded.
   */
  private static void captureString(JsonParser parser, byte[] source, int base, FieldValue into)
      throws IOException {
    int from = base + tokenStart(parser) + 1;
    int to = from;
    boolean escaped = false;
    while (to < source.length && source[to] != '"') {
      if (source[to] == '\\') {
        escaped = true;
        to++;
      }
      to++;
    }
    if (to >= source.length) {
      throw new JsonParseException(parser, "unterminated string");
    }
    if (!escaped) {
      into.text(FieldValue.Kind.STRING, source, from, to);
      return;
    }
    byte[] decoded = parser.getText().getBytes(StandardCharsets.UTF_8);
    into.text(FieldValue.Kind.STRING, decoded, 0, decoded.length);
  }

  /**
   * The byte offset of the current value token in the parser's input, without allocating a
   * location: Jackson's byte parsers count it from 1 (checked by every encoding test).
   */
  static int tokenStart(JsonParser parser) {
    if (parser instanceof ParserBase base) {
      return (int) base.getTokenCharacterOffset() - 1;
    }
    return (int) parser.currentTokenLocation().getByteOffset();
  }
}
