package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {

  private final EventDecoder decoder = new EventDecoder(400);

  private Decoded decode(String json) {
    return decoder.decode(Records.json(P0, 7, json));
  }

  private static RejectReason reason(Decoded decoded) {
    assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
    return ((Decoded.Invalid) decoded).rejection().reason();
  }

  @Test
  void decodesAFlexpriceEvent() {
    Decoded decoded =
        decode(
            "{\"id\":\"e1\",\"event_name\":\"api_call\",\"external_customer_id\":\"c1\","
                + "\"customer_id\":\"cu\",\"tenant_id\":\"t\",\"environment_id\":\"env\","
                + "\"source\":\"sdk\",\"timestamp\":\"2026-11-27T10:00:00.250+01:00\","
                + "\"properties\":{\"tokens\":3,\"model\":\"x\"}}");

    assertThat(decoded).isInstanceOf(Decoded.Valid.class);
    Event event = ((Decoded.Valid) decoded).event();
    assertThat(event.id()).isEqualTo("e1");
    assertThat(event.eventName()).isEqualTo("api_call");
    assertThat(event.externalCustomerId()).isEqualTo("c1");
    assertThat(event.customerId()).isEqualTo("cu");
    assertThat(event.tenantId()).isEqualTo("t");
    assertThat(event.environmentId()).isEqualTo("env");
    assertThat(event.source()).isEqualTo("sdk");
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-27T09:00:00.250Z"));
    assertThat(event.properties()).isEqualTo("{\"tokens\":3,\"model\":\"x\"}");
  }

  @Test
  void fillsDefaults() {
    Event event =
        ((Decoded.Valid) decode("{\"event_name\":\"a\",\"external_customer_id\":\"c\"}")).event();

    assertThat(event.id()).isEqualTo("events-0-7");
    assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1_764_201_600_000L));
    assertThat(event.properties()).isEqualTo("{}");
    assertThat(event.tenantId()).isEmpty();
  }

  @Test
  void acceptsEpochMilliseconds() {
    Event event =
        ((Decoded.Valid)
                decode(
                    "{\"event_name\":\"a\",\"external_customer_id\":\"c\","
                        + "\"timestamp\":1764201600123}"))
            .event();

    assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1_764_201_600_123L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | hello | NOT_JSON",
        "a JSON array | [1,2] | NOT_AN_OBJECT",
        "a JSON string | \"x\" | NOT_AN_OBJECT",
        "trailing garbage | {\"event_name\":\"a\"} x | NOT_JSON",
        "missing event_name | {\"external_customer_id\":\"c\"} | MISSING_EVENT_NAME",
        "blank event_name | {\"event_name\":\" \",\"external_customer_id\":\"c\"} | MISSING_EVENT_NAME",
        "missing customer | {\"event_name\":\"a\"} | MISSING_EXTERNAL_CUSTOMER_ID",
        "object customer | {\"event_name\":\"a\",\"external_customer_id\":{}} | MISSING_EXTERNAL_CUSTOMER_ID",
        "bad timestamp | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":\"yesterday\"} | BAD_TIMESTAMP",
        "boolean timestamp | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":true} | BAD_TIMESTAMP",
        "negative timestamp | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":-5} | BAD_TIMESTAMP",
        "array properties | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":[1]} | BAD_PROPERTIES",
        "string properties | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":\"x\"} | BAD_PROPERTIES",
        "object tenant | {\"event_name\":\"a\",\"external_customer_id\":\"c\",\"tenant_id\":[]} | BAD_FIELD",
        "whitespace only | '   ' | EMPTY",
      })
  void rejectsBadEventsWithAReason(String kind, String json, RejectReason expected) {
    assertThat(reason(decode(json))).as(kind).isEqualTo(expected);
  }

  @Test
  void rejectsEmptyNullOversizedAndInvalidUtf8() {
    assertThat(reason(decoder.decode(new SourceRecord(P0, 1, 0, new byte[0]))))
        .isEqualTo(RejectReason.EMPTY);
    assertThat(reason(decoder.decode(new SourceRecord(P0, 1, 0, null))))
        .isEqualTo(RejectReason.NULL_VALUE);
    String big =
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":\""
            + "x".repeat(400)
            + "\"}}";
    assertThat(reason(decode(big))).isEqualTo(RejectReason.TOO_LARGE);
    byte[] invalid =
        "{\"event_name\":\"a\u00ff\",\"external_customer_id\":\"c\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(reason(decoder.decode(new SourceRecord(P0, 1, 0, invalid))))
        .isEqualTo(RejectReason.INVALID_UTF8);
  }

  @Test
  void rejectionsKeepTheIdAndNameThatCouldBeRead() {
    Rejection rejection =
        ((Decoded.Invalid)
                decode(
                    "{\"id\":\"e9\",\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":\"?\"}"))
            .rejection();

    assertThat(rejection.eventId()).isEqualTo("e9");
    assertThat(rejection.eventName()).isEqualTo("a");
    assertThat(rejection.detail()).contains("RFC 3339");
  }

  @Test
  void propertiesAreCopiedAsSentAndStillValidated() {
    Event event =
        ((Decoded.Valid)
                decode(
                    "{\"event_name\":\"a\",\"external_customer_id\":\"c\","
                        + "\"properties\": {\"n\": [1, {\"x\": \"\u00e9\"}]}}"))
            .event();
    assertThat(event.properties()).isEqualTo("{\"n\": [1, {\"x\": \"\u00e9\"}]}");

    byte[] invalidInProperties =
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":\"\u00ff\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(reason(decoder.decode(new SourceRecord(P0, 1, 0, invalidInProperties))))
        .isEqualTo(RejectReason.INVALID_UTF8);
    assertThat(
            reason(
                decode(
                    "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":}}")))
        .isEqualTo(RejectReason.NOT_JSON);
  }
}
