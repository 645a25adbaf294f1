package io.batchline.consumer.table;

import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Table definitions and records for encoder tests. */
public final class TestTables {

  public static final PartitionKey P0 = new PartitionKey("events", 0);
  public static final long RECORD_TIME = 1_764_201_600_000L;

  private TestTables() {}

  /** {@code samples/clickhouse/events.sql}, as ClickHouse 18.16 describes it. */
  public static TableDefinition flexprice() {
    return new TableDefinition(
        "db.events",
        List.of(
            new TableColumn("id", "String"),
            new TableColumn("tenant_id", "String"),
            new TableColumn("environment_id", "String"),
            new TableColumn("external_customer_id", "String"),
            new TableColumn("customer_id", "String"),
            new TableColumn("event_name", "String"),
            new TableColumn("source", "String"),
            new TableColumn("timestamp", "DateTime"),
            new TableColumn("properties", "String"),
            new TableColumn("ingested_at", "DateTime", "DEFAULT", "now()", "")),
        Optional.of("toYYYYMM(timestamp)"),
        ServerFeatures.OLDEST);
  }

  /** A table from name-type pairs, on the given server. */
  public static TableDefinition table(ServerFeatures server, String... nameTypes) {
    List<TableColumn> columns = new ArrayList<>();
    for (int i = 0; i < nameTypes.length; i += 2) {
      columns.add(new TableColumn(nameTypes[i], nameTypes[i + 1]));
    }
    return new TableDefinition("db.t", columns, Optional.empty(), server);
  }

  public static TableRowEncoder encoder(TableDefinition table) {
    return EncoderSettings.DEFAULTS.encoderFor(table);
  }

  public static TableRowEncoder encoder(TableDefinition table, String mapping) {
    return new EncoderSettings(ColumnMapping.parse(mapping), TimestampWindow.OFF, 1 << 20)
        .encoderFor(table);
  }

  public static SourceRecord record(String json) {
    return record(7, json);
  }

  public static SourceRecord record(long offset, String json) {
    return new SourceRecord(P0, offset, RECORD_TIME, json.getBytes(StandardCharsets.UTF_8));
  }

  public static SourceRecord record(String json, byte[] key, Map<String, byte[]> headers) {
    return new SourceRecord(
        P0, 7, RECORD_TIME, json.getBytes(StandardCharsets.UTF_8), key, headers::get);
  }
}
