package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.RejectReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventReaderTest {

  /** The fields the reader is asked for; the second "id" fills a slot of its own. */
  static final List<List<String>> PATHS =
      List.of(
          List.of("id"),
          List.of("properties"),
          List.of("properties", "quantity"),
          List.of("tags"),
          List.of("flag"),
          List.of("é"),
          List.of("id"),
          List.of("n"));

  static JsonPathIndex index(List<List<String>> paths) {
    JsonPathIndex index = new JsonPathIndex();
    for (int slot = 0; slot < paths.size(); slot++) {
      index.add(paths.get(slot), slot);
    }
    return index;
  }

  static FieldValue[] slots(int size) {
    FieldValue[] slots = new FieldValue[size];
    for (int i = 0; i < size; i++) {
      slots[i] = new FieldValue();
    }
    return slots;
  }

  private static final JsonEventReader READER = new JsonEventReader(index(PATHS));

  private static JsonEventReader.Failure read(byte[] event, FieldValue[] slots) {
    return READER.read(EventBytes.of(event), new JsonCursor(), slots);
  }

  private static JsonEventReader.Failure read(String event) {
    return read(event.getBytes(StandardCharsets.UTF_8), slots(PATHS.size()));
  }

  @Test
  void capturesTheFieldsColumnsNeedAsViewsAndSkipsTheRest() {
    FieldValue[] slots = slots(PATHS.size());
    String event =
        "\uFEFF {\"skip\":{\"x\":[1,{\"id\":\"inner\"}]},\"id\":\"a\\\"b\\u00e9\","
            + " \"properties\" : {\"quantity\":-1.5e3,\"other\":null},"
            + "\"tags\":[\"t\",2],\"flag\":true,\"\\u00e9\":null,\"id\":\"last\"}\n";

    assertThat(read(event.getBytes(StandardCharsets.UTF_8), slots)).isNull();

    assertThat(slots[0].kind()).isEqualTo(FieldValue.Kind.STRING);
    assertThat(slots[0].asString()).isEqualTo("last");
    assertThat(slots[6].asString()).isEqualTo("last");
    assertThat(slots[1].kind()).isEqualTo(FieldValue.Kind.OBJECT);
    assertThat(slots[1].asString()).isEqualTo("{\"quantity\":-1.5e3,\"other\":null}");
    assertThat(slots[2].kind()).isEqualTo(FieldValue.Kind.NUMBER);
    assertThat(slots[2].asString()).isEqualTo("-1.5e3");
    assertThat(slots[2].integral()).isFalse();
    assertThat(slots[3].kind()).isEqualTo(FieldValue.Kind.ARRAY);
    assertThat(slots[3].asString()).isEqualTo("[\"t\",2]");
    assertThat(slots[4].kind()).isEqualTo(FieldValue.Kind.BOOLEAN);
    assertThat(slots[4].booleanValue()).isTrue();
    assertThat(slots[5].kind()).isEqualTo(FieldValue.Kind.NULL);
  }

  @Test
  void decodesEscapesOnlyInStringsThatHaveThem() {
    FieldValue[] slots = slots(PATHS.size());
    byte[] event = "{\"id\":\"a\\n\\u00e9\\/\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(read(event, slots)).isNull();

    assertThat(slots[0].asString()).isEqualTo("a\né/");
    assertThat(slots[0].bytes()).isNotSameAs(event);
  }

  @Test
  void rejectsUtf8ThatIsNotWellFormedWhereverItIs() {
    int[][] sequences = {
      {0xC0, 0x80},
      {0xC1, 0xBF},
      {0xE0, 0x80, 0x80},
      {0xED, 0xA0, 0x80},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5, 0x80, 0x80, 0x80},
      {0x80},
      {0xC3, 0x28},
      {0xE2, 0x82}
    };
    for (int[] sequence : sequences) {
      for (String[] around :
          new String[][] {
            {"{\"id\":\"x", "y\"}"}, {"{\"skipped\":\"x", "y\"}"}, {"{\"x", "y\":1}"}
          }) {
        byte[] event = concat(around[0], sequence, around[1]);
        JsonEventReader.Failure failure = read(event, slots(PATHS.size()));
        assertThat(failure).as(hex(sequence) + " in " + around[0]).isNotNull();
        assertThat(failure.reason())
            .as(hex(sequence) + " in " + around[0])
            .isEqualTo(RejectReason.INVALID_UTF8);
      }
    }
    assertThat(read(concat("{\"id\":\"", new int[] {0xF0, 0x9F, 0x98, 0x80}, "\"}"), slots(7)))
        .isNull();
  }

  @Test
  void readsAnEventInsideALargerArrayOnlyWithinItsBounds() {
    byte[] array =
        "{\"id\":\"before\"}{\"id\":\"x\",\"n\":7}{\"id\"".getBytes(StandardCharsets.UTF_8);
    int from = "{\"id\":\"before\"}".length();
    int to = from + "{\"id\":\"x\",\"n\":7}".length();
    FieldValue[] slots = slots(PATHS.size());

    assertThat(READER.read(new EventBytes(array, from, to), new JsonCursor(), slots)).isNull();

    assertThat(slots[0].asString()).isEqualTo("x");
    assertThat(slots[7].asString()).isEqualTo("7");
  }

  @Test
  void placesAFaultByItsByteInTheEventWhereverTheEventStartsInItsArray() {
    byte[] array = "prefix{\"id\":1 x}".getBytes(StandardCharsets.UTF_8);

    JsonEventReader.Failure failure =
        READER.read(new EventBytes(array, 6, array.length), new JsonCursor(), slots(PATHS.size()));

    assertThat(failure.detail())
        .isEqualTo("unexpected 'x' at byte 8, expected ',' or '}' after an object member");
  }

  @Test
  void aCursorReadsTheNextEventAfterOneItGaveUpOnHalfway() {
    JsonCursor cursor = new JsonCursor();
    byte[] broken = "{\"properties\":{\"quantity\":[[[".getBytes(StandardCharsets.UTF_8);
    byte[] next = "\uFEFF{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    FieldValue[] slots = slots(PATHS.size());

    assertThat(READER.read(EventBytes.of(broken), cursor, slots)).isNotNull();
    slots = slots(PATHS.size());
    assertThat(READER.read(EventBytes.of(next), cursor, slots)).isNull();

    assertThat(slots[0].asString()).isEqualTo("b");
  }

  @Test
  void namesTheFaultAndWhereItIs() {
    assertThat(read("{\"id\":1 x}").detail())
        .isEqualTo("unexpected 'x' at byte 8, expected ',' or '}' after an object member");
    assertThat(read("{\"id\":01}").detail()).isEqualTo("number at byte 6 has a leading zero");
    assertThat(read("{\"id\":\"abc").detail()).isEqualTo("unterminated string starting at byte 6");
    assertThat(read("{\"id\":\"\\x\"}").detail()).isEqualTo("unknown escape sequence at byte 7");
    assertThat(read("{\"id\":\"a\u0001\"}").detail())
        .isEqualTo("control character 0x01 in a string must be escaped");
    assertThat(read("{\"id\":").detail()).isEqualTo("the event ends where a value was expected");
    assertThat(read("{\"id\":1,}").detail())
        .isEqualTo("unexpected '}' at byte 8, expected '\"' to start a member name");
    assertThat(read("  ").reason()).isEqualTo(RejectReason.EMPTY);
    assertThat(read("[1]").detail()).isEqualTo("expected a JSON object, got ARRAY");
    assertThat(read("[1]").reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
    assertThat(read("\"s\" 1").reason()).isEqualTo(RejectReason.NOT_JSON);
  }

  @Test
  void keepsTheNestingAndNumberLimitsItHadBefore() {
    String deepest = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    String tooDeep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
    assertThat(read(deepest)).isNull();
    assertThat(read(tooDeep).detail()).isEqualTo("nesting deeper than 1000 levels at byte 1004");
    assertThat(read("{\"id\":" + "1".repeat(1000) + "}")).isNull();
    assertThat(read("{\"id\":" + "1".repeat(1001) + "}").detail())
        .isEqualTo("number at byte 6 is longer than 1000 characters");
  }

  static byte[] concat(String before, int[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int b : middle) {
      out.write(b);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String hex(int[] sequence) {
    StringBuilder text = new StringBuilder();
    for (int b : sequence) {
      text.append(String.format("%02X ", b));
    }
    return text.toString().trim();
  }
}
