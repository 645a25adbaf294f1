package io.batchline.consumer.table.legacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of one JSON event, read with Jackson's streaming parser: no tree is built,
 * and the {@code properties} object is copied as the bytes it was sent as. Each value is kept as
 * its text with the JSON type it had, so the decoder can say what was wrong.
 */
public final class LegacyEventFields {

  /** A field's JSON type and, for scalars, its text. {@code properties} keeps its raw JSON. */
  record Value(JsonType type, String text) {}

  enum JsonType {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    NULL,
    OBJECT,
    ARRAY
  }

  /** The record is not one JSON value, or not valid UTF-8. */
  static final class MalformedJson extends Exception {
    MalformedJson(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Value> fields = new HashMap<>();
  private JsonType rootType;

  private LegacyEventFields() {}

  /**
   * @return the fields, or an instance whose {@link #rootType()} is null for empty input
   */
  public static LegacyEventFields read(byte[] json) throws MalformedJson {
    LegacyEventFields result = new LegacyEventFields();
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return result;
      }
      result.rootType = typeOf(token);
      if (token == JsonToken.START_OBJECT) {
        result.readObject(parser, json);
      } else {
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        throw new MalformedJson("unexpected content after the JSON value", null);
      }
    } catch (IOException e) {
      throw new MalformedJson(e.getMessage(), e);
    }
    return result;
  }

  private void readObject(JsonParser parser, byte[] json) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      JsonType type = typeOf(token);
      if (token.isScalarValue()) {
        fields.put(name, new Value(type, token == JsonToken.VALUE_NULL ? null : parser.getText()));
      } else if (name.equals("properties") && token == JsonToken.START_OBJECT) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        fields.put(
            name, new Value(type, new String(json, start, end - start, StandardCharsets.UTF_8)));
      } else {
        parser.skipChildren();
        fields.put(name, new Value(type, null));
      }
    }
  }

  private static JsonType typeOf(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> JsonType.OBJECT;
      case START_ARRAY -> JsonType.ARRAY;
      case VALUE_STRING -> JsonType.STRING;
      case VALUE_NUMBER_INT -> JsonType.INTEGER;
      case VALUE_NUMBER_FLOAT -> JsonType.NUMBER;
      case VALUE_TRUE, VALUE_FALSE -> JsonType.BOOLEAN;
      case VALUE_NULL -> JsonType.NULL;
      default -> throw new IllegalStateException("unexpected token " + token);
    };
  }

  JsonType rootType() {
    return rootType;
  }

  /** The field, or a NULL value when it is absent. */
  Value get(String name) {
    return fields.getOrDefault(name, new Value(JsonType.NULL, null));
  }
}
