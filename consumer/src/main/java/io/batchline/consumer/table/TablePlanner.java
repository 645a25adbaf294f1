package io.batchline.consumer.table;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.clickhouse.SchemaMismatchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides, once per schema, how each column of a table gets its value:
 *
 * <ol>
 *   <li>a column named in {@code clickhouse.columns} takes that source;
 *   <li>with no mapping at all, a table that has the Flexprice columns is written as Flexprice
 *       events ({@link FlexpriceRules});
 *   <li>every other column takes the event's top-level field of its name, except MATERIALIZED and
 *       ALIAS columns, which the server computes;
 *   <li>a column with a DEFAULT is asked of the server per row when the value is missing
 *       (RowBinaryWithDefaults, 23.7 and newer); on older servers a literal or {@code now()}
 *       default is worked out here, and any other DEFAULT column that is not mapped explicitly is
 *       left out of the INSERT, to the server;
 *   <li>a missing value of a Nullable column is NULL; of any other column, {@code missing_field}.
 * </ol>
 *
 * A column whose type cannot be written, or a mapping that names no column, is refused with a
 * {@link SchemaMismatchException} naming the column.
 */
public final class TablePlanner {

  private final TableDefinition table;
  private final ColumnMapping mapping;
  private final List<Source> sources = new ArrayList<>();
  private final List<PlannedColumn> columns = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final JsonPathIndex paths = new JsonPathIndex();
  private final Map<String, String> settings = new LinkedHashMap<>();

  private TablePlanner(TableDefinition table, ColumnMapping mapping) {
    this.table = table;
    this.mapping = mapping;
  }

  public static TablePlan plan(TableDefinition table, ColumnMapping mapping) {
    return new TablePlanner(table, mapping).plan();
  }

  private TablePlan plan() {
    if (table.columns().isEmpty()) {
      throw new SchemaMismatchException(
          "table "
              + table.name()
              + " does not exist; create it with samples/clickhouse/events.sql");
    }
    checkMapping();
    boolean flexprice = mapping.isEmpty() && FlexpriceRules.matches(table);
    for (TableColumn column : table.columns()) {
      planColumn(column, flexprice);
    }
    if (columns.isEmpty()) {
      throw new SchemaMismatchException(
          "table " + table.name() + " has no column the consumer can write");
    }
    Optional<FlexpriceRules> rules = Optional.empty();
    if (flexprice) {
      Map<String, Integer> slots = new LinkedHashMap<>();
      for (PlannedColumn column : columns) {
        slots.put(column.name(), column.slot());
      }
      rules = Optional.of(new FlexpriceRules(slots, slot(Source.Attribute.POSITION_ID)));
    }
    boolean withDefaults =
        columns.stream().anyMatch(c -> c.whenMissing() instanceof WhenMissing.ServerDefault);
    OptionalInt eventTime = EventTimeColumn.choose(columns, table.partitionKey());
    Optional<PartitionKeyExpression> partitionKey =
        table
            .partitionKey()
            .flatMap(key -> PartitionKeyExpression.parse(key, columns, serverZone()));
    return new TablePlan(
        table.name(),
        List.copyOf(columns),
        List.copyOf(sources),
        paths,
        rules,
        eventTime,
        withDefaults ? InsertFormat.ROW_BINARY_WITH_DEFAULTS : InsertFormat.ROW_BINARY,
        Map.copyOf(settings),
        partitionKey,
        List.copyOf(notes));
  }

  private java.time.ZoneId serverZone() {
    try {
      return java.time.ZoneId.of(table.server().timeZone());
    } catch (RuntimeException e) {
      return java.time.ZoneOffset.UTC;
    }
  }

  private void checkMapping() {
    for (Map.Entry<String, Source> entry : mapping.columns().entrySet()) {
      TableColumn column =
          table
              .column(entry.getKey())
              .orElseThrow(
                  () ->
                      new SchemaMismatchException(
                          "table "
                              + table.name()
                              + " has no column "
                              + entry.getKey()
                              + " (mapped in clickhouse.columns to "
                              + entry.getValue().text()
                              + ")"));
      if (column.isComputed()) {
        throw new SchemaMismatchException(
            "column "
                + table.name()
                + "."
                + column.name()
                + " is "
                + column.defaultKind()
                + ": the server computes it, so clickhouse.columns cannot map it");
      }
    }
  }

  private void planColumn(TableColumn column, boolean flexprice) {
    if (column.isComputed()) {
      return;
    }
    Source mapped = mapping.columns().get(column.name());
    ColumnType type = TypeParser.parse(column.type());
    if (flexprice && FlexpriceColumns.handles(column.name())) {
      add(
          column,
          type,
          FlexpriceColumns.source(column.name()),
          flexpriceMissing(column, type),
          FlexpriceColumns.mismatchReason(column.name()));
      return;
    }
    Source source = mapped != null ? mapped : new Source.JsonPath(List.of(column.name()));
    Optional<WhenMissing> whenMissing = whenMissing(column, type, mapped != null);
    if (whenMissing.isEmpty()) {
      notes.add(
          column.name()
              + " left to the server: DEFAULT "
              + column.defaultExpression()
              + " (this server cannot apply a default per row; map it in clickhouse.columns to"
              + " write it from the event)");
      return;
    }
    add(column, type, source, whenMissing.get(), RejectReason.TYPE_MISMATCH);
  }

  /** Empty: leave the column to the server. */
  private Optional<WhenMissing> whenMissing(TableColumn column, ColumnType type, boolean mapped) {
    if (column.hasDefault()) {
      if (table.server().rowBinaryWithDefaults()) {
        return Optional.of(new WhenMissing.ServerDefault());
      }
      Optional<DefaultLiteral.Value> literal = DefaultLiteral.evaluate(column.defaultExpression());
      if (literal.isPresent() && literal.get() instanceof DefaultLiteral.Value.IngestionTime) {
        return Optional.of(new WhenMissing.Fallback(Source.Attribute.INGESTED_AT));
      }
      if (literal.isPresent()) {
        DefaultLiteral.Value.Literal value = (DefaultLiteral.Value.Literal) literal.get();
        Optional<byte[]> bytes = encodeConstant(type, value.value());
        if (bytes.isPresent()) {
          return Optional.of(new WhenMissing.Constant(bytes.get(), "DEFAULT " + value.text()));
        }
      }
      if (!mapped) {
        return Optional.empty();
      }
    }
    return Optional.of(
        WriterFactory.isNullable(type) ? new WhenMissing.WriteNull() : new WhenMissing.Reject());
  }

  private WhenMissing flexpriceMissing(TableColumn column, ColumnType type) {
    return switch (column.name()) {
      case FlexpriceRules.TIMESTAMP -> new WhenMissing.Fallback(Source.Attribute.TIMESTAMP);
      case FlexpriceRules.INGESTED_AT -> new WhenMissing.Fallback(Source.Attribute.INGESTED_AT);
      case "id" -> new WhenMissing.Fallback(Source.Attribute.POSITION_ID);
      case "event_name", "external_customer_id" -> new WhenMissing.Reject();
      default -> {
        String empty = column.name().equals("properties") ? "{}" : "";
        byte[] text = empty.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        FieldValue value = new FieldValue().text(FieldValue.Kind.STRING, text, 0, text.length);
        yield new WhenMissing.Constant(
            encodeConstant(type, value).orElseThrow(), "'" + empty + "'");
      }
    };
  }

  private static Optional<byte[]> encodeConstant(ColumnType type, FieldValue value) {
    if (WriterFactory.problem(type).isPresent()) {
      return Optional.empty();
    }
    RowBinaryBuffer out = new RowBinaryBuffer(16);
    try {
      WriterFactory.writer(type).write(value, out);
      return Optional.of(out.toByteArray());
    } catch (ValueMismatch e) {
      return Optional.empty();
    }
  }

  private void add(
      TableColumn column,
      ColumnType type,
      Source source,
      WhenMissing whenMissing,
      RejectReason mismatchReason) {
    WriterFactory.Resolution resolution = WriterFactory.resolve(type);
    if (resolution instanceof WriterFactory.Resolution.Refused refused) {
      throw refused(column, ", which the consumer cannot write: " + refused.why());
    }
    if (WriterFactory.base(type) instanceof ColumnType.JsonType) {
      if (!table.server().jsonAsString()) {
        throw refused(
            column, ": the consumer writes JSON columns on ClickHouse 24.10 and newer only");
      }
      settings.put("input_format_binary_read_json_as_string", "1");
    }
    int fallbackSlot =
        whenMissing instanceof WhenMissing.Fallback fallback ? slot(fallback.source()) : -1;
    columns.add(
        new PlannedColumn(
            column.name(),
            type,
            source,
            slot(source),
            ((WriterFactory.Resolution.Writer) resolution).writer(),
            whenMissing,
            fallbackSlot,
            mismatchReason));
  }

  private SchemaMismatchException refused(TableColumn column, String why) {
    return new SchemaMismatchException(
        "column " + table.name() + "." + column.name() + " has type " + column.type() + why);
  }

  /** The value slot of a source; one slot per distinct source. */
  private int slot(Source source) {
    int index = sources.indexOf(source);
    if (index >= 0) {
      return index;
    }
    sources.add(source);
    if (source instanceof Source.JsonPath path) {
      paths.add(path.fields(), sources.size() - 1);
    }
    return sources.size() - 1;
  }
}
