package io.batchline.consumer.table.legacy;

import io.batchline.consumer.clickhouse.SchemaMismatchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target table's columns as far as the consumer writes them, checked against what it needs.
 * Columns the consumer does not know are left to their defaults.
 */
public final class LegacyTableSchema {

  /** How a column is written in RowBinary. */
  public enum ColumnKind {
    STRING,
    NULLABLE_STRING,
    DATETIME,
    DATETIME64
  }

  /** One written column: its name, its encoding, and the DateTime64 precision where relevant. */
  public record Column(String name, ColumnKind kind, int precision) {}

  public static final List<String> STRING_COLUMNS =
      List.of(
          "id",
          "tenant_id",
          "environment_id",
          "external_customer_id",
          "customer_id",
          "event_name",
          "source",
          "properties");
  static final List<String> TIME_COLUMNS = List.of("timestamp");
  static final String VERSION_COLUMN = "ingested_at";

  private static final Pattern DATETIME64 = Pattern.compile("DateTime64\\((\\d+).*\\)");

  private final String table;
  private final List<Column> columns;

  private LegacyTableSchema(String table, List<Column> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  /**
   * @param actual column name to ClickHouse type, as {@code system.columns} lists them
   * @throws SchemaMismatchException naming the first missing or mistyped column
   */
  public static LegacyTableSchema check(String table, Map<String, String> actual) {
    if (actual.isEmpty()) {
      throw new SchemaMismatchException(
          "table " + table + " does not exist; create it with samples/clickhouse/events.sql");
    }
    List<Column> columns = new ArrayList<>();
    for (String name : STRING_COLUMNS) {
      columns.add(stringColumn(table, name, required(table, actual, name)));
    }
    for (String name : TIME_COLUMNS) {
      columns.add(timeColumn(table, name, required(table, actual, name)));
    }
    if (actual.containsKey(VERSION_COLUMN)) {
      columns.add(timeColumn(table, VERSION_COLUMN, actual.get(VERSION_COLUMN)));
    }
    return new LegacyTableSchema(table, columns);
  }

  private static String required(String table, Map<String, String> actual, String name) {
    String type = actual.get(name);
    if (type == null) {
      throw new SchemaMismatchException("table " + table + " has no column " + name);
    }
    return type;
  }

  private static Column stringColumn(String table, String name, String type) {
    String bare = unwrap(type, "LowCardinality(");
    if (bare.equals("String")) {
      return new Column(name, ColumnKind.STRING, 0);
    }
    if (unwrap(bare, "Nullable(").equals("String")) {
      return new Column(name, ColumnKind.NULLABLE_STRING, 0);
    }
    throw new SchemaMismatchException(
        "column " + table + "." + name + " has type " + type + ", expected String");
  }

  private static String unwrap(String type, String wrapper) {
    return type.startsWith(wrapper) && type.endsWith(")")
        ? type.substring(wrapper.length(), type.length() - 1)
        : type;
  }

  private static Column timeColumn(String table, String name, String type) {
    if (type.equals("DateTime") || type.startsWith("DateTime(")) {
      return new Column(name, ColumnKind.DATETIME, 0);
    }
    Matcher m = DATETIME64.matcher(type);
    if (m.matches()) {
      return new Column(name, ColumnKind.DATETIME64, Integer.parseInt(m.group(1)));
    }
    throw new SchemaMismatchException(
        "column " + table + "." + name + " has type " + type + ", expected DateTime or DateTime64");
  }

  public String table() {
    return table;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Column name to type, in order, for a log line. */
  public Map<String, String> describe() {
    Map<String, String> result = new LinkedHashMap<>();
    columns.forEach(c -> result.put(c.name(), c.kind().name()));
    return result;
  }
}
