package io.batchline.consumer.table;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.batchline.consumer.batch.RejectReason;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * Reads one event in a single streaming pass: only the fields some column needs are captured (as
 * views into the event's bytes), everything else is skipped. Objects and strings are still fully
 * validated, including their UTF-8, so a malformed event is rejected wherever the fault is.
 */
final class JsonEventReader {

  /** Why an event could not be read; null fields on success. */
  record Failure(RejectReason reason, String detail) {}

  private final JsonPathIndex paths;

  JsonEventReader(JsonPathIndex paths) {
    this.paths = paths;
  }

  /**
   * Fills {@code slots} from {@code event}; slots no path reaches are left as they are.
   *
   * @return null when the event is a JSON object, else why it is not
   */
  Failure read(byte[] event, FieldValue[] slots) {
    try (JsonParser parser = JsonValues.parser(event, 0, event.length)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new Failure(RejectReason.EMPTY, "record value is empty");
      }
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        expectEnd(parser);
        return new Failure(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(token));
      }
      readObject(parser, paths, event, slots);
      expectEnd(parser);
      return null;
    } catch (IOException e) {
      boolean utf8 =
          e instanceof CharConversionException
              || e.getCause() instanceof CharConversionException
              || String.valueOf(e.getMessage()).contains("UTF-8");
      return new Failure(utf8 ? RejectReason.INVALID_UTF8 : RejectReason.NOT_JSON, firstLine(e));
    }
  }

  private static void readObject(
      JsonParser parser, JsonPathIndex node, byte[] event, FieldValue[] slots) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      JsonPathIndex child = node.child(parser.currentName());
      JsonToken token = parser.nextToken();
      if (child == null) {
        parser.skipChildren();
      } else if (token == JsonToken.START_OBJECT && child.hasChildren()) {
        int from = JsonValues.tokenStart(parser);
        readObject(parser, child, event, slots);
        int to = JsonValues.tokenStart(parser) + 1;
        for (int slot : child.slots()) {
          slots[slot].text(FieldValue.Kind.OBJECT, event, from, to);
        }
      } else if (child.slots().length > 0) {
        int[] targets = child.slots();
        JsonValues.capture(parser, token, event, 0, slots[targets[0]]);
        for (int i = 1; i < targets.length; i++) {
          slots[targets[i]].copyOf(slots[targets[0]]);
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void expectEnd(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "unexpected content after the JSON value");
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "ARRAY";
      case VALUE_STRING -> "STRING";
      case VALUE_NUMBER_INT -> "INTEGER";
      case VALUE_NUMBER_FLOAT -> "NUMBER";
      case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
      case VALUE_NULL -> "NULL";
      default -> token.toString();
    };
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
