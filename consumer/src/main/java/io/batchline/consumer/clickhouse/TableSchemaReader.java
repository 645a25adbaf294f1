package io.batchline.consumer.clickhouse;

import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.table.ServerFeatures;
import io.batchline.consumer.table.TableColumn;
import io.batchline.consumer.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table's columns (name, type, default, comment) from {@code system.columns} and its
 * partition key from {@code system.tables}, through a query function, so that it is tested without
 * a server.
 */
public final class TableSchemaReader {

  /** Runs a query that ends in {@code FORMAT TabSeparated} and returns its lines. */
  @FunctionalInterface
  public interface Query {
    List<String> lines(String sql) throws SinkException;
  }

  private TableSchemaReader() {}

  public static TableDefinition read(
      Query query, String database, String table, ServerFeatures server) throws SinkException {
    String where = "database = '" + escape(database) + "' AND " + "%s = '" + escape(table) + "'";
    List<TableColumn> columns = new ArrayList<>();
    for (String line :
        query.lines(
            "SELECT name, type, default_kind, default_expression, comment FROM system.columns"
                + " WHERE "
                + String.format(where, "table")
                + " FORMAT TabSeparated")) {
      String[] fields = java.util.Arrays.copyOf(line.split("\t", -1), 5);
      if (fields[1] == null) {
        throw new SinkException("unexpected system.columns line: " + line, null);
      }
      for (int i = 2; i < fields.length; i++) {
        fields[i] = fields[i] == null ? "" : fields[i];
      }
      columns.add(
          new TableColumn(
              unescape(fields[0]),
              unescape(fields[1]),
              unescape(fields[2]),
              unescape(fields[3]),
              unescape(fields[4])));
    }
    Optional<String> partitionKey = Optional.empty();
    if (!columns.isEmpty()) {
      List<String> key =
          query.lines(
              "SELECT partition_key FROM system.tables WHERE "
                  + String.format(where, "name")
                  + " FORMAT TabSeparated");
      partitionKey =
          key.stream().findFirst().map(TableSchemaReader::unescape).filter(k -> !k.isBlank());
    }
    return new TableDefinition(database + "." + table, columns, partitionKey, server);
  }

  /** The server's features, from its version and time zone. */
  public static ServerFeatures features(ServerVersion version, String timeZone) {
    return new ServerFeatures(
        version.supportsRowBinaryWithDefaults(), version.supportsJsonAsString(), timeZone);
  }

  static String escape(String identifier) {
    return identifier.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** TabSeparated escapes: {@code \t}, {@code \n}, {@code \\}, {@code \'} and the like. */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder text = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\' || i + 1 == field.length()) {
        text.append(c);
        continue;
      }
      char next = field.charAt(++i);
      text.append(
          switch (next) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> '\0';
            default -> next;
          });
    }
    return text.toString();
  }
}
