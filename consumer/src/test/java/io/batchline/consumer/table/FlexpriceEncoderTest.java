package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The default Flexprice table: fixed bytes, fallbacks, and what a rejection carries. */
class FlexpriceEncoderTest {

  private static final Instant INGESTED_AT = Instant.ofEpochSecond(0x0A0B0C0DL);
  private final TableRowEncoder encoder = TestTables.encoder(TestTables.flexprice());

  private String hex(String json) {
    RowBinaryBuffer out = new RowBinaryBuffer();
    assertThat(encoder.encode(TestTables.record(json), INGESTED_AT, out))
        .isInstanceOf(EncodedRow.Written.class);
    return HexFormat.of().formatHex(out.toByteArray());
  }

  private Rejection rejection(String json) {
    EncodedRow row = encoder.encode(TestTables.record(json), INGESTED_AT, new RowBinaryBuffer());
    return ((EncodedRow.Rejected) row).rejection();
  }

  @Test
  void writesTheDefaultTableInItsColumnOrder() {
    assertThat(encoder.columnNames())
        .containsExactly(
            "id",
            "tenant_id",
            "environment_id",
            "external_customer_id",
            "customer_id",
            "event_name",
            "source",
            "timestamp",
            "properties",
            "ingested_at");
    assertThat(
            hex(
                "{\"id\":\"ab\",\"tenant_id\":\"t\",\"external_customer_id\":\"c\",\"event_name\":\"n\","
                    + "\"timestamp\":16909060.25,\"properties\":{\"k\":[1]}}"))
        .isEqualTo(
            "026162" // id
                + "0174" // tenant_id
                + "00" // environment_id
                + "0163" // external_customer_id
                + "00" // customer_id
                + "016e" // event_name
                + "00" // source
                + "04030201" // timestamp: 0x01020304 epoch seconds, the fraction dropped
                + "097b226b223a5b315d7d" // properties as sent
                + "0d0c0b0a"); // ingested_at
  }

  @Test
  void fillsTheIdTimestampAndPropertiesFallbacks() {
    String row = hex("{\"event_name\":\"a\",\"external_customer_id\":\"c\"}");

    String positionId = HexFormat.of().formatHex("events-0-7".getBytes(StandardCharsets.UTF_8));
    assertThat(row).startsWith("0a" + positionId);
    assertThat(row)
        .endsWith(
            "80942769" // 1764201600: the Kafka record time
                + "027b7d" // {}
                + "0d0c0b0a");
    assertThat(hex("{\"id\":\" \",\"event_name\":\"a\",\"external_customer_id\":\"c\"}"))
        .startsWith("0a" + positionId);
  }

  @Test
  void epochSecondsAreNoLongerReadAsMilliseconds() {
    String seconds =
        hex("{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":1764547200}");
    String millis =
        hex("{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":1764547200000}");

    assertThat(seconds).contains("80da2c69").isEqualTo(millis);
  }

  @Test
  void rejectionsKeepTheIdAndNameThatCouldBeRead() {
    Rejection rejection =
        rejection(
            "{\"id\":\"e9\",\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":\"?\"}");

    assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
    assertThat(rejection.eventId()).isEqualTo("e9");
    assertThat(rejection.eventName()).isEqualTo("a");
    assertThat(rejection.detail()).startsWith("column timestamp: \"?\"").contains("RFC 3339");
    assertThat(rejection("{\"id\":\"e9\",\"external_customer_id\":\"c\"}").eventId())
        .isEqualTo("e9");
  }

  @Test
  void invalidUtf8InsideSkippedPropertiesIsStillFound() {
    byte[] invalid =
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":\"\u00ff\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    EncodedRow row =
        encoder.encode(
            new io.batchline.consumer.batch.SourceRecord(TestTables.P0, 1, 0, invalid),
            INGESTED_AT,
            new RowBinaryBuffer());

    assertThat(((EncodedRow.Rejected) row).rejection().reason())
        .isEqualTo(RejectReason.INVALID_UTF8);
  }
}
