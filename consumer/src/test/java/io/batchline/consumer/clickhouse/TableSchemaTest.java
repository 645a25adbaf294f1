package io.batchline.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchline.consumer.clickhouse.TableSchema.ColumnKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  static Map<String, String> legacyColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String name : TableSchema.STRING_COLUMNS) {
      columns.put(name, "String");
    }
    columns.put("timestamp", "DateTime");
    columns.put("ingested_at", "DateTime");
    return columns;
  }

  @Test
  void acceptsTheDefaultTable() {
    TableSchema schema = TableSchema.check("db.events", legacyColumns());
    assertThat(schema.columnNames()).hasSize(10).contains("timestamp", "ingested_at");
  }

  @Test
  void recognisesModernTypes() {
    Map<String, String> columns = legacyColumns();
    columns.put("tenant_id", "LowCardinality(String)");
    columns.put("source", "Nullable(String)");
    columns.put("timestamp", "DateTime64(3, 'UTC')");
    TableSchema schema = TableSchema.check("db.events", columns);

    assertThat(schema.columns())
        .filteredOn(c -> c.name().equals("timestamp"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ColumnKind.DATETIME64);
              assertThat(c.precision()).isEqualTo(3);
            });
    assertThat(schema.describe()).containsEntry("source", "NULLABLE_STRING");
    assertThat(schema.describe()).containsEntry("tenant_id", "STRING");
  }

  @Test
  void namesTheMissingTableOrColumn() {
    assertThatThrownBy(() -> TableSchema.check("db.events", Map.of()))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("table db.events does not exist");
    Map<String, String> columns = legacyColumns();
    columns.remove("customer_id");
    assertThatThrownBy(() -> TableSchema.check("db.events", columns))
        .hasMessage("table db.events has no column customer_id");
    Map<String, String> mistyped = legacyColumns();
    mistyped.put("timestamp", "String");
    assertThatThrownBy(() -> TableSchema.check("db.events", mistyped))
        .hasMessageContaining("column db.events.timestamp has type String");
  }

  @Test
  void parsesServerVersions() {
    assertThat(ServerVersion.parse("18.16.1").supportsDeduplicationToken()).isFalse();
    assertThat(ServerVersion.parse("22.1.3.7").supportsDeduplicationToken()).isFalse();
    assertThat(ServerVersion.parse("22.2.2.1").supportsDeduplicationToken()).isTrue();
    assertThat(ServerVersion.parse("25.3.1.2703").supportsDeduplicationToken()).isTrue();
    assertThatThrownBy(() -> ServerVersion.parse("unknown"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
