package io.batchline.consumer.table;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.RejectReason;

/**
 * Reads one event in a single pass of a {@link JsonCursor}: only the fields some column needs are
 * captured (as views into the event's bytes), everything else is validated and skipped, so a
 * malformed event is rejected wherever the fault is. Nothing is allocated for a well-formed event
 * but the bytes of a string with escape sequences.
 */
final class JsonEventReader {

  /** Why an event could not be read. */
  record Failure(RejectReason reason, String detail) {}

  private final JsonPathIndex paths;

  JsonEventReader(JsonPathIndex paths) {
    this.paths = paths;
  }

  /**
   * Fills {@code slots} from the event in {@code value}, read with {@code json}, a cursor of the
   * calling thread's; slots no path reaches are left as they are. A fault is placed by its byte in
   * the event, wherever the event starts in its array: such an event is read once more from a copy
   * of its own, which only a malformed event costs.
   *
   * @return null when the event is a JSON object, else why it is not
   */
  Failure read(EventBytes value, JsonCursor json, FieldValue[] slots) {
    byte[] event = value.array();
    json.startEvent(event, value.from(), value.to());
    try {
      if (!json.hasMore()) {
        return new Failure(RejectReason.EMPTY, "record value is empty");
      }
      JsonCursor.Kind kind = json.peekValue();
      if (kind != JsonCursor.Kind.OBJECT) {
        json.skipValue();
        json.expectEnd();
        return new Failure(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(kind));
      }
      readObject(json, paths, event, slots);
      json.expectEnd();
      return null;
    } catch (MalformedJson e) {
      if (value.from() != 0) {
        return read(EventBytes.of(value.copy()), new JsonCursor(), slots);
      }
      return new Failure(e.reason(), e.getMessage());
    }
  }

  private static void readObject(
      JsonCursor json, JsonPathIndex node, byte[] event, FieldValue[] slots) throws MalformedJson {
    if (json.enterObject()) {
      return;
    }
    do {
      JsonPathIndex child = member(json, node, event);
      JsonCursor.Kind kind = json.peekValue();
      if (child == null) {
        json.skipValue();
      } else if (kind == JsonCursor.Kind.OBJECT && child.hasChildren()) {
        int from = json.position();
        readObject(json, child, event, slots);
        for (int slot : child.slots()) {
          slots[slot].text(FieldValue.Kind.OBJECT, event, from, json.position());
        }
      } else if (child.slots().length > 0) {
        int[] targets = child.slots();
        JsonValues.capture(json, kind, event, slots[targets[0]]);
        for (int i = 1; i < targets.length; i++) {
          slots[targets[i]].copyOf(slots[targets[0]]);
        }
      } else {
        json.skipValue();
      }
    } while (json.nextMember());
  }

  /** Reads a member's name and returns the node for it, or null when no column reads it. */
  private static JsonPathIndex member(JsonCursor json, JsonPathIndex node, byte[] event)
      throws MalformedJson {
    int from = json.memberName();
    int to = json.lastStringEnd();
    if (json.lastStringEscaped()) {
      byte[] name = JsonStrings.decoded(event, from, to);
      return node.child(name, 0, name.length);
    }
    return node.child(event, from, to);
  }

  private static String describe(JsonCursor.Kind kind) {
    return switch (kind) {
      case ARRAY -> "ARRAY";
      case STRING -> "STRING";
      case NUMBER -> "NUMBER";
      case TRUE, FALSE -> "BOOLEAN";
      case NULL -> "NULL";
      case OBJECT -> "OBJECT";
    };
  }
}
