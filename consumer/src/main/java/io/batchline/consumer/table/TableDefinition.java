package io.batchline.consumer.table;

import java.util.List;
import java.util.Optional;

/**
 * A table as the server describes it.
 *
 * @param name {@code database.table}
 * @param columns in the table's order; empty when the table does not exist
 * @param partitionKey the PARTITION BY expression, where there is one
 */
public record TableDefinition(
    String name, List<TableColumn> columns, Optional<String> partitionKey, ServerFeatures server) {

  public TableDefinition {
    columns = List.copyOf(columns);
  }

  public Optional<TableColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
