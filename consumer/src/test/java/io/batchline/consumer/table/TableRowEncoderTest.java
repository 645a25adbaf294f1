package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableRowEncoderTest {

  private static final Instant INGESTED_AT = Instant.parse("2025-12-01T12:00:00Z");

  private static String hex(RowEncoder encoder, SourceRecord record) {
    RowBinaryBuffer out = new RowBinaryBuffer();
    EncodedRow row = encoder.encode(record, INGESTED_AT, out);
    assertThat(row).isInstanceOf(EncodedRow.Written.class);
    return HexFormat.of().formatHex(out.toByteArray());
  }

  private static Rejection rejection(RowEncoder encoder, String json) {
    RowBinaryBuffer out = new RowBinaryBuffer();
    out.writeBytes(new byte[] {9, 9});
    EncodedRow row = encoder.encode(TestTables.record(json), INGESTED_AT, out);
    assertThat(row).as(json).isInstanceOf(EncodedRow.Rejected.class);
    assertThat(out.toByteArray()).as("the buffer is left as it was").containsExactly(9, 9);
    return ((EncodedRow.Rejected) row).rejection();
  }

  @Test
  void aRowWriterEncodesRowAfterRowAsEncodeDoesEachAlone() {
    TableRowEncoder encoder =
        TestTables.encoder(
            TestTables.table(
                ServerFeatures.OLDEST, "id", "String", "region", "Nullable(String)", "n", "UInt8"));
    List<String> events =
        List.of(
            "{\"id\":\"a\",\"region\":\"eu\",\"n\":1}",
            "{\"id\":\"b\",\"n\":2}",
            "{\"id\":\"c\",\"region\":\"us\",\"n\":300}",
            "{\"id\":\"d\",\"n\":4}");
    RowEncoder.RowWriter rows = encoder.rowWriter();
    RowBinaryBuffer together = new RowBinaryBuffer();
    RowBinaryBuffer alone = new RowBinaryBuffer();

    for (String event : events) {
      EncodedRow written = rows.encode(TestTables.record(event), INGESTED_AT, together);
      EncodedRow single = encoder.encode(TestTables.record(event), INGESTED_AT, alone);
      assertThat(written.getClass()).as(event).isEqualTo(single.getClass());
    }

    assertThat(together.toByteArray()).isEqualTo(alone.toByteArray());
    assertThat(together.size()).isGreaterThan(0);
  }

  @Test
  void mapsJsonPathsKafkaAttributesHeadersAndTheWholeEvent() {
    TableRowEncoder encoder =
        TestTables.encoder(
            TestTables.table(
                ServerFeatures.OLDEST,
                "quantity",
                "Decimal(18, 6)",
                "region",
                "LowCardinality(String)",
                "topic",
                "String",
                "part",
                "UInt16",
                "off",
                "UInt64",
                "ts",
                "DateTime64(3)",
                "k",
                "Nullable(String)",
                "trace",
                "Nullable(String)",
                "missing_header",
                "Nullable(String)",
                "raw",
                "String",
                "at",
                "DateTime"),
            "quantity=properties.quantity,region=properties.geo.region,topic=_topic,"
                + "part=_partition,off=_offset,ts=_timestamp,k=_key,trace=_header.trace-id,"
                + "missing_header=_header.nope,raw=_event,at=_ingested_at");
    String json = "{\"properties\":{\"quantity\":\"1.5\",\"geo\":{\"region\":\"eu\"}}}";
    SourceRecord record =
        TestTables.record(
            json,
            "key-1".getBytes(StandardCharsets.UTF_8),
            Map.of("trace-id", new byte[] {'t', '1'}));

    assertThat(hex(encoder, record))
        .isEqualTo(
            "60e3160000000000" // 1.5 at scale 6
                + "02"
                + "6575" // eu
                + "06"
                + "6576656e7473" // events
                + "0000" // partition 0
                + "0700000000000000" // offset 7
                + "00149cc29a010000" // 1764201600000 ms
                + "00"
                + "05"
                + "6b65792d31" // key-1
                + "00"
                + "02"
                + "7431" // t1
                + "01" // no such header: NULL
                + String.format("%02x", json.length())
                + HexFormat.of().formatHex(json.getBytes(StandardCharsets.UTF_8))
                + "40832d69"); // 2025-12-01T12:00:00Z
  }

  @Test
  void aValueThatDoesNotFitDeadLettersTheEventNamingTheColumn() {
    TableRowEncoder encoder =
        TestTables.encoder(
            TestTables.table(ServerFeatures.OLDEST, "name", "String", "n", "UInt32"));

    Rejection rejection = rejection(encoder, "{\"name\":\"x\",\"n\":\"abc\"}");

    assertThat(rejection.reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
    assertThat(rejection.detail()).isEqualTo("column n: \"abc\" is not a valid UInt32");
    assertThat(rejection(encoder, "{\"name\":\"x\"}").detail())
        .isEqualTo("column n has no value (source n) and no default");
    assertThat(rejection(encoder, "{\"name\":\"x\"}").reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(rejection(encoder, "{\"name\":\"x\",\"n\":null}").reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
  }

  @Test
  void readsTheEventOnceAndRejectsMalformedInputWithTheOldReasons() {
    TableRowEncoder encoder =
        TestTables.encoder(TestTables.table(ServerFeatures.OLDEST, "a", "String"));

    assertThat(rejection(encoder, "[1]").reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
    assertThat(rejection(encoder, "{\"a\":").reason()).isEqualTo(RejectReason.NOT_JSON);
    assertThat(rejection(encoder, "").reason()).isEqualTo(RejectReason.EMPTY);
    byte[] invalid = "{\"a\":\"x\",\"b\":{\"c\":\"\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1);
    EncodedRow row =
        encoder.encode(
            new SourceRecord(TestTables.P0, 1, 0, invalid), INGESTED_AT, new RowBinaryBuffer());
    assertThat(((EncodedRow.Rejected) row).rejection().reason())
        .isEqualTo(RejectReason.INVALID_UTF8);
  }

  @Test
  void theTimestampWindowDeadLettersImplausibleEventTimes() {
    TableRowEncoder encoder =
        new EncoderSettings(
                ColumnMapping.NONE,
                new TimestampWindow(
                    Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofHours(1))),
                1 << 20)
            .encoderFor(TestTables.table(ServerFeatures.OLDEST, "timestamp", "DateTime"));

    assertThat(hex(encoder, TestTables.record("{\"timestamp\":\"2025-12-01T12:59:59Z\"}")))
        .isNotEmpty();
    assertThat(hex(encoder, TestTables.record("{\"timestamp\":\"2025-11-01T12:00:00Z\"}")))
        .isNotEmpty();
    Rejection future = rejection(encoder, "{\"timestamp\":\"2025-12-01T13:00:01Z\"}");
    assertThat(future.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
    assertThat(future.detail())
        .isEqualTo(
            "column timestamp: 2025-12-01T13:00:01Z is further ahead than"
                + " event-processing.timestamp-max-future PT1H after the ingestion time"
                + " 2025-12-01T12:00:00Z");
    assertThat(rejection(encoder, "{\"timestamp\":1}").detail())
        .contains("is older than event-processing.timestamp-max-age PT720H");
  }

  @Test
  void reportsTheEventTimeForTheLatencyMetric() {
    TableRowEncoder encoder =
        TestTables.encoder(
            TestTables.table(
                ServerFeatures.OLDEST, "a", "String", "timestamp", "Nullable(DateTime64(3))"));
    RowBinaryBuffer out = new RowBinaryBuffer();

    EncodedRow withTime =
        encoder.encode(
            TestTables.record("{\"a\":\"x\",\"timestamp\":1764547200123}"), INGESTED_AT, out);
    EncodedRow without = encoder.encode(TestTables.record("{\"a\":\"x\"}"), INGESTED_AT, out);

    assertThat(withTime).isEqualTo(new EncodedRow.Written(1_764_547_200_123L));
    assertThat(without).isEqualTo(new EncodedRow.Written(TestTables.RECORD_TIME));
  }

  @Test
  void asksTheServerForDefaultsPerRowWhereItCan() {
    TableDefinition table =
        new TableDefinition(
            "db.t",
            List.of(
                new TableColumn("a", "UInt8"),
                new TableColumn("b", "String", "DEFAULT", "'z'", "")),
            Optional.empty(),
            ServerFeatures.MODERN);
    TableRowEncoder modern = TestTables.encoder(table);
    TableRowEncoder old =
        TestTables.encoder(
            new TableDefinition("db.t", table.columns(), Optional.empty(), ServerFeatures.OLDEST));

    assertThat(hex(modern, TestTables.record("{\"a\":1}"))).isEqualTo("0001" + "01");
    assertThat(hex(modern, TestTables.record("{\"a\":1,\"b\":\"y\"}")))
        .isEqualTo("0001" + "000179");
    assertThat(hex(old, TestTables.record("{\"a\":1}"))).isEqualTo("01" + "017a");
  }

  @Test
  void computesThePartitionKeyWhereItCan() {
    TableDefinition table =
        new TableDefinition(
            "db.t",
            List.of(
                new TableColumn("ts", "DateTime('Asia/Tokyo')"),
                new TableColumn("region", "String"),
                new TableColumn("d", "Date")),
            Optional.of("(toYYYYMM(ts), region, toMonday(d))"),
            ServerFeatures.OLDEST);
    TableRowEncoder encoder = TestTables.encoder(table);

    assertThat(
            encoder.partitionKey(
                TestTables.record(
                    "{\"ts\":\"2025-11-30T16:00:00Z\",\"region\":\"eu\",\"d\":\"2025-12-03\"}"),
                INGESTED_AT))
        .hasValue("202512,026575,2025-12-01");
    assertThat(encoder.partitionKey(TestTables.record("not json"), INGESTED_AT)).isEmpty();
    TableRowEncoder unknown =
        TestTables.encoder(
            new TableDefinition(
                "db.t",
                table.columns(),
                Optional.of("cityHash64(region) % 8"),
                ServerFeatures.OLDEST));
    assertThat(unknown.partitionKey(TestTables.record("{\"region\":\"eu\"}"), INGESTED_AT))
        .isEmpty();
    assertThat(
            TestTables.encoder(TestTables.flexprice())
                .partitionKey(
                    TestTables.record("{\"event_name\":\"a\",\"external_customer_id\":\"c\"}"),
                    INGESTED_AT))
        .as("the Kafka record time, 2025-11-27")
        .hasValue("202511");
  }

  @Test
  void encodesFromSeveralThreadsAtOnce() throws Exception {
    TableRowEncoder encoder =
        TestTables.encoder(TestTables.table(ServerFeatures.OLDEST, "a", "String", "n", "UInt32"));
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<String> failures =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 2000; i++) {
                  String expected = thread + "-" + i;
                  RowBinaryBuffer out = new RowBinaryBuffer();
                  encoder.encode(
                      TestTables.record("{\"a\":\"" + expected + "\",\"n\":" + i + "}"),
                      INGESTED_AT,
                      out);
                  byte[] bytes = out.toByteArray();
                  String a = new String(bytes, 1, bytes[0], StandardCharsets.UTF_8);
                  if (!a.equals(expected)) {
                    failures.add(a + " != " + expected);
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }
}
