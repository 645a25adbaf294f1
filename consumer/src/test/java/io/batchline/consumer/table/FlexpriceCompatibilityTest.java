package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.SourceRecord;
import io.batchline.consumer.table.legacy.LegacyDecoded;
import io.batchline.consumer.table.legacy.LegacyEventDecoder;
import io.batchline.consumer.table.legacy.LegacyRowBinaryEncoder;
import io.batchline.consumer.table.legacy.LegacyTableSchema;
import io.batchline.testkit.EventGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generic encoder writes the default Flexprice table byte for byte as the encoder it replaces
 * did, and rejects bad events with the same reasons. The old encoder is kept here, in the test
 * tree, only for this comparison.
 */
class FlexpriceCompatibilityTest {

  private static final Instant INGESTED_AT = Instant.ofEpochSecond(1_764_300_000L);

  /** The columns in the order the old encoder wrote them. */
  private static TableDefinition legacyOrder(String timestampType) {
    List<TableColumn> columns = new ArrayList<>();
    for (String name : LegacyTableSchema.STRING_COLUMNS) {
      columns.add(
          new TableColumn(name, name.equals("tenant_id") ? "LowCardinality(String)" : "String"));
    }
    columns.add(new TableColumn("timestamp", timestampType));
    columns.add(new TableColumn("ingested_at", timestampType, "DEFAULT", "now()", ""));
    return new TableDefinition("db.events", columns, Optional.empty(), ServerFeatures.OLDEST);
  }

  private static List<String> events() {
    EventGenerator generator = new EventGenerator("compat", 7, TestTables.RECORD_TIME);
    List<String> events = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      events.add(generator.json(n));
    }
    events.add("{\"event_name\":\"a\",\"external_customer_id\":\"c\"}");
    events.add(
        "{\"id\":\"  \",\"event_name\":\"a\",\"external_customer_id\":\"c\",\"tenant_id\":42}");
    events.add(
        "{\"id\":\"e\\u00e9\\n\\\"q\",\"event_name\":\"\u00fcber \ud83d\ude00\",\"external_customer_id\":\"c\","
            + "\"timestamp\":\"2026-11-27T10:00:00.250+01:00\",\"properties\": {\"n\": [1, {\"x\": \"\u00e9\"}]},"
            + "\"unknown\":{\"deep\":[1,2,3]}}");
    events.add(
        "{\"event_name\":\"a\",\"external_customer_id\":7,\"source\":null,\"timestamp\":1764201600123}");
    return events;
  }

  private static List<String> badEvents() {
    return List.of(
        "this is not json {",
        "[{\"id\":\"bad-array\"}]",
        "\"x\"",
        "   ",
        "",
        "{\"event_name\":\"a\"} x",
        "{\"id\":\"bad-no-name\",\"external_customer_id\":\"c\"}",
        "{\"event_name\":\" \",\"external_customer_id\":\"c\"}",
        "{\"id\":\"bad-no-customer\",\"event_name\":\"api_call\"}",
        "{\"event_name\":\"a\",\"external_customer_id\":{}}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":\"yesterday\"}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":true}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":-5}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":[1]}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":\"x\"}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"tenant_id\":[]}",
        "{\"id\":[],\"event_name\":\"a\",\"external_customer_id\":\"c\"}",
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":}}");
  }

  @Test
  void writesTheSameBytesAsTheOldEncoder() {
    for (String timestampType : List.of("DateTime", "DateTime64(3)", "DateTime64(6, 'UTC')")) {
      TableDefinition table = legacyOrder(timestampType);
      TableRowEncoder encoder = TestTables.encoder(table);
      Map<String, String> types = new LinkedHashMap<>();
      table.columns().forEach(c -> types.put(c.name(), c.type()));
      LegacyRowBinaryEncoder legacy =
          new LegacyRowBinaryEncoder(
              LegacyTableSchema.check("db.events", types), new LegacyEventDecoder(1 << 20));
      assertThat(encoder.columnNames()).isEqualTo(legacy.columnNames());
      assertThat(encoder.plan().flexpriceCompatible()).isTrue();

      long offset = 0;
      for (String json : events()) {
        SourceRecord record = TestTables.record(offset++, json);
        RowBinaryBuffer expected = new RowBinaryBuffer();
        LegacyDecoded decoded = new LegacyEventDecoder(1 << 20).decode(record);
        assertThat(decoded).as(json).isInstanceOf(LegacyDecoded.Valid.class);
        legacy.encode(List.of(((LegacyDecoded.Valid) decoded).event()), INGESTED_AT, expected);
        RowBinaryBuffer actual = new RowBinaryBuffer();

        EncodedRow row = encoder.encode(record, INGESTED_AT, actual);

        assertThat(row).as(json).isInstanceOf(EncodedRow.Written.class);
        assertThat(HexFormat.of().formatHex(actual.toByteArray()))
            .as("%s into %s", json, timestampType)
            .isEqualTo(HexFormat.of().formatHex(expected.toByteArray()));
        assertThat(((EncodedRow.Written) row).eventTimeMillis())
            .isEqualTo(((LegacyDecoded.Valid) decoded).event().timestamp().toEpochMilli());
      }
    }
  }

  @Test
  void rejectsBadEventsWithTheOldReasons() {
    TableRowEncoder encoder = TestTables.encoder(legacyOrder("DateTime"));
    LegacyEventDecoder legacy = new LegacyEventDecoder(400);
    TableRowEncoder small =
        new EncoderSettings(ColumnMapping.NONE, TimestampWindow.OFF, 400)
            .encoderFor(legacyOrder("DateTime"));
    List<String> bad = new ArrayList<>(badEvents());
    bad.add(
        "{\"event_name\":\"a\",\"external_customer_id\":\"c\",\"properties\":{\"p\":\""
            + "x".repeat(400)
            + "\"}}");
    for (String json : bad) {
      SourceRecord record = TestTables.record(json);
      LegacyDecoded expected = legacy.decode(record);
      RowBinaryBuffer out = new RowBinaryBuffer();

      EncodedRow actual = small.encode(record, INGESTED_AT, out);

      assertThat(expected).as(json).isInstanceOf(LegacyDecoded.Invalid.class);
      assertThat(actual).as(json).isInstanceOf(EncodedRow.Rejected.class);
      assertThat(((EncodedRow.Rejected) actual).rejection().reason())
          .as(json)
          .isEqualTo(((LegacyDecoded.Invalid) expected).rejection().reason());
      assertThat(out.size()).as("nothing written for %s", json).isZero();
    }
    assertThat(encoder).isNotNull();
  }
}
