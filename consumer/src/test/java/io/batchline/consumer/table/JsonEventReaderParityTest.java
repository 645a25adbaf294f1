package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchline.consumer.batch.EventBytes;
import io.batchline.consumer.batch.RejectReason;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated events read by {@link JsonEventReader} and by Jackson's parser, which read events before
 * it: both must accept and reject the same inputs for the same reasons, and capture the same
 * values. Two differences are intended: UTF-8 that is not well-formed (overlong forms, surrogates,
 * code points past U+10FFFF), which Jackson lets through in places, the reader always rejects; and
 * a well-formed non-ASCII character where JSON allows none, which Jackson reports as a bad UTF-8
 * start byte, the reader calls malformed JSON.
 */
class JsonEventReaderParityTest {

  private static final List<List<String>> PATHS = JsonEventReaderTest.PATHS;
  private static final List<String> BASES =
      List.of(
          "{\"id\":\"bench-1\",\"event_name\":\"api_call\",\"timestamp\":1764201600000,"
              + "\"properties\":{\"quantity\":7,\"region\":\"eu-west-1\",\"note\":\"abcé\"}}",
          "{\"id\":\"a\\\"\\\\\\u00e9\",\"tags\":[1,-2.5e-3,\"x\",{\"k\":[true,false,null]}],"
              + "\"flag\":false,\"n\":-0.0E+1}",
          "{\"n\":0,\"properties\":{\"quantity\":{\"deep\":[[]]}},\"id\":null,\"id\":\"€𝄞\"}",
          " [ {\"id\":1} , \"s\" ] ",
          "{\"flag\":true , \"tags\":{} ,\"n\":123456789012345678901234567890}",
          "{\"id\":\"a long plain string that spans several eight-byte words é\","
              + "\"properties\":{\"note\":\"abcdefghijklmnopqrstuvwxyz0123456789\"}}");
  private static final byte[] INTERESTING =
      "{}[]\",:\\-+.eE0123456789 \t\n\rtfnu/x".getBytes(StandardCharsets.US_ASCII);
  private static final int[] INTERESTING_HIGH = {0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xF0};
  private static final ObjectMapper TREE = new ObjectMapper();
  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void agreesWithJacksonOnThousandsOfMutatedEvents() throws IOException {
    JsonEventReader reader = new JsonEventReader(JsonEventReaderTest.index(PATHS));
    JsonCursor cursor = new JsonCursor();
    Random random = new Random(20261206);
    int accepted = 0;
    int rejected = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] event = mutate(BASES.get(round % BASES.size()), random);
      FieldValue[] slots = JsonEventReaderTest.slots(PATHS.size());
      JsonEventReader.Failure failure = reader.read(EventBytes.of(event), cursor, slots);
      RejectReason ours = failure == null ? null : failure.reason();
      RejectReason jackson = jacksonVerdict(event);
      String what = new String(event, StandardCharsets.ISO_8859_1);
      if (!wellFormedUtf8(event) && ours != null) {
        assertThat(ours).as(what).isIn(RejectReason.INVALID_UTF8, RejectReason.NOT_JSON);
      } else if (jackson == RejectReason.INVALID_UTF8) {
        assertThat(ours).as(what).isEqualTo(RejectReason.NOT_JSON);
      } else {
        assertThat(ours).as(what).isEqualTo(jackson);
      }
      if (ours == null) {
        accepted++;
        assertSameValues(event, slots, what);
      } else {
        rejected++;
      }
    }
    assertThat(accepted).isGreaterThan(2_000);
    assertThat(rejected).isGreaterThan(2_000);
  }

  private static byte[] mutate(String base, Random random) {
    byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(random.nextInt(10) == 0 ? 4 : 1);
    for (int i = 0; i < edits && bytes.length > 0; i++) {
      int at = random.nextInt(bytes.length);
      byte value =
          random.nextInt(8) == 0
              ? (byte) INTERESTING_HIGH[random.nextInt(INTERESTING_HIGH.length)]
              : INTERESTING[random.nextInt(INTERESTING.length)];
      switch (random.nextInt(4)) {
        case 0 -> bytes[at] = value;
        case 1 -> {
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = value;
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
        }
        case 2 -> {
          byte[] shorter = new byte[bytes.length - 1];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
          bytes = shorter;
        }
        default -> {
          // unchanged: the base events themselves must agree too
        }
      }
    }
    return bytes;
  }

  /** What the Jackson-based reader decided, with its mapping of exceptions to reasons. */
  private static RejectReason jacksonVerdict(byte[] event) {
    try (JsonParser parser = JACKSON.createParser(event)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return RejectReason.EMPTY;
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return RejectReason.NOT_JSON;
      }
      return token == JsonToken.START_OBJECT ? null : RejectReason.NOT_AN_OBJECT;
    } catch (IOException e) {
      boolean utf8 =
          e instanceof CharConversionException
              || e.getCause() instanceof CharConversionException
              || String.valueOf(e.getMessage()).contains("UTF-8");
      return utf8 ? RejectReason.INVALID_UTF8 : RejectReason.NOT_JSON;
    }
  }

  private static void assertSameValues(byte[] event, FieldValue[] slots, String what)
      throws IOException {
    JsonNode root = TREE.readTree(event);
    for (int slot = 0; slot < PATHS.size(); slot++) {
      JsonNode node = root;
      for (String field : PATHS.get(slot)) {
        node = node == null || !node.isObject() ? null : node.get(field);
      }
      FieldValue value = slots[slot];
      String label = what + " at " + PATHS.get(slot);
      if (node == null) {
        assertThat(value.kind()).as(label).isEqualTo(FieldValue.Kind.ABSENT);
      } else if (node.isTextual()) {
        assertThat(value.asString()).as(label).isEqualTo(node.textValue());
      } else if (node.isNumber()) {
        assertThat(TREE.readTree(value.asString())).as(label).isEqualTo(node);
        assertThat(value.integral()).as(label).isEqualTo(node.isIntegralNumber());
      } else if (node.isBoolean()) {
        assertThat(value.kind()).as(label).isEqualTo(FieldValue.Kind.BOOLEAN);
        assertThat(value.booleanValue()).as(label).isEqualTo(node.booleanValue());
      } else if (node.isNull()) {
        assertThat(value.kind()).as(label).isEqualTo(FieldValue.Kind.NULL);
      } else {
        byte[] raw = Arrays.copyOfRange(value.bytes(), value.start(), value.end());
        assertThat(TREE.readTree(raw)).as(label).isEqualTo(node);
      }
    }
  }

  private static boolean wellFormedUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
