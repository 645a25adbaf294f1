package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchline.consumer.clickhouse.SchemaMismatchException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablePlannerTest {

  private static TableDefinition table(ServerFeatures server, TableColumn... columns) {
    return new TableDefinition("db.t", List.of(columns), Optional.empty(), server);
  }

  private static TablePlan plan(TableDefinition table, String mapping) {
    return TablePlanner.plan(table, ColumnMapping.parse(mapping));
  }

  @Test
  void mapsColumnsByNameUnlessMappedExplicitly() {
    TablePlan plan =
        plan(
            TestTables.table(
                ServerFeatures.OLDEST,
                "id",
                "String",
                "qty",
                "Decimal(18, 6)",
                "note",
                "Nullable(String)"),
            "qty=properties.quantity");

    assertThat(plan.columns())
        .extracting(PlannedColumn::describe)
        .containsExactly(
            "id <- id (String, when missing: missing_field)",
            "qty <- properties.quantity (Decimal(18, 6), when missing: missing_field)",
            "note <- note (Nullable(String), when missing: NULL)");
    assertThat(plan.flexpriceCompatible()).isFalse();
    assertThat(plan.format()).isEqualTo(InsertFormat.ROW_BINARY);
  }

  @Test
  void leavesComputedColumnsToTheServerAndRefusesToMapThem() {
    TableDefinition table =
        table(
            ServerFeatures.OLDEST,
            new TableColumn("a", "String"),
            new TableColumn("b", "String", "MATERIALIZED", "lower(a)", ""),
            new TableColumn("c", "UInt32", "ALIAS", "3", ""));

    assertThat(plan(table, "").columnNames()).containsExactly("a");
    assertThatThrownBy(() -> plan(table, "b=x"))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(
            "column db.t.b is MATERIALIZED: the server computes it, so clickhouse.columns cannot"
                + " map it");
  }

  @Test
  void onOldServersWorksOutLiteralDefaultsAndLeavesOthersToTheServer() {
    TableDefinition table =
        table(
            ServerFeatures.OLDEST,
            new TableColumn("a", "String"),
            new TableColumn(
                "region",
                "LowCardinality(String)",
                "DEFAULT",
                "CAST('eu', 'LowCardinality(String)')",
                ""),
            new TableColumn("n", "UInt8", "DEFAULT", "7", ""),
            new TableColumn("at", "DateTime", "DEFAULT", "now()", ""),
            new TableColumn("j", "String", "DEFAULT", "concat(a, 'x')", ""));

    TablePlan plan = plan(table, "");

    assertThat(plan.columns())
        .extracting(PlannedColumn::describe)
        .containsExactly(
            "a <- a (String, when missing: missing_field)",
            "region <- region (LowCardinality(String), when missing: DEFAULT 'eu')",
            "n <- n (UInt8, when missing: DEFAULT 7)",
            "at <- at (DateTime, when missing: _ingested_at)");
    assertThat(plan.notes()).singleElement().asString().startsWith("j left to the server");
    assertThat(plan(table, "j=j").columnNames()).contains("j");
    assertThat(plan.format()).isEqualTo(InsertFormat.ROW_BINARY);
  }

  @Test
  void onModernServersAsksForDefaultsPerRow() {
    TableDefinition table =
        table(
            ServerFeatures.MODERN,
            new TableColumn("a", "String"),
            new TableColumn("j", "String", "DEFAULT", "concat(a, 'x')", ""));

    TablePlan plan = plan(table, "");

    assertThat(plan.format()).isEqualTo(InsertFormat.ROW_BINARY_WITH_DEFAULTS);
    assertThat(plan.columns().get(1).describe())
        .isEqualTo("j <- j (String, when missing: DEFAULT)");
  }

  @Test
  void refusesWhatCannotBeWrittenNamingTheColumn() {
    assertThatThrownBy(
            () ->
                plan(
                    TestTables.table(
                        ServerFeatures.MODERN, "a", "String", "v", "Variant(String, UInt8)"),
                    ""))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(
            "column db.t.v has type Variant(String, UInt8), which the consumer cannot write: type"
                + " Variant is not supported");
    assertThatThrownBy(
            () -> plan(TestTables.table(ServerFeatures.MODERN, "o", "Object('json')"), ""))
        .hasMessageContaining("column db.t.o has type Object('json')")
        .hasMessageContaining("use JSON (ClickHouse 24.10 and newer)");
    assertThatThrownBy(() -> plan(TestTables.table(ServerFeatures.OLDEST, "j", "JSON"), ""))
        .hasMessage(
            "column db.t.j has type JSON: the consumer writes JSON columns on ClickHouse 24.10 and"
                + " newer only");
    assertThatThrownBy(() -> plan(TestTables.table(ServerFeatures.OLDEST, "a", "String"), "b=x"))
        .hasMessage("table db.t has no column b (mapped in clickhouse.columns to x)");
    assertThatThrownBy(
            () ->
                plan(
                    new TableDefinition(
                        "db.none", List.of(), Optional.empty(), ServerFeatures.OLDEST),
                    ""))
        .hasMessage("table db.none does not exist; create it with samples/clickhouse/events.sql");
  }

  @Test
  void aJsonColumnCarriesItsInsertSetting() {
    TablePlan plan = plan(TestTables.table(ServerFeatures.MODERN, "j", "JSON"), "j=_event");

    assertThat(plan.insertSettings()).containsEntry("input_format_binary_read_json_as_string", "1");
  }

  @Test
  void recognisesTheFlexpriceTableOnlyWithoutAMapping() {
    assertThat(plan(TestTables.flexprice(), "").flexpriceCompatible()).isTrue();
    assertThat(plan(TestTables.flexprice(), "source=_topic").flexpriceCompatible()).isFalse();
    TableDefinition withoutCustomerId =
        new TableDefinition(
            "db.t",
            TestTables.flexprice().columns().stream()
                .filter(c -> !c.name().equals("customer_id"))
                .toList(),
            Optional.empty(),
            ServerFeatures.OLDEST);
    assertThat(plan(withoutCustomerId, "").flexpriceCompatible()).isFalse();
  }

  @Test
  void choosesTheEventTimeColumn() {
    assertThat(plan(TestTables.flexprice(), "").eventTime()).hasValue(7);
    TableDefinition partitioned =
        new TableDefinition(
            "db.t",
            List.of(
                new TableColumn("created", "DateTime"),
                new TableColumn("day", "Date"),
                new TableColumn("at", "DateTime")),
            Optional.of("toYYYYMM(day)"),
            ServerFeatures.OLDEST);
    assertThat(plan(partitioned, "at=_ingested_at").eventTime()).hasValue(1);
    assertThat(
            plan(
                    TestTables.table(ServerFeatures.OLDEST, "at", "DateTime", "b", "DateTime64(3)"),
                    "at=_ingested_at")
                .eventTime())
        .hasValue(1);
    assertThat(plan(TestTables.table(ServerFeatures.OLDEST, "a", "String"), "").eventTime())
        .isEmpty();
  }
}
