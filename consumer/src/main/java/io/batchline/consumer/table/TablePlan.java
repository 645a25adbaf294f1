package io.batchline.consumer.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How rows of one table are made: the INSERT's columns in order, the value slots their sources
 * fill, and the rules around them. Built by {@link TablePlanner}; immutable.
 *
 * @param sources the source of each value slot
 * @param eventTime the index in {@code columns} of the event-time column, if there is one
 * @param notes lines for the startup log about columns left to the server
 */
public record TablePlan(
    String table,
    List<PlannedColumn> columns,
    List<Source> sources,
    JsonPathIndex paths,
    Optional<FlexpriceRules> flexprice,
    OptionalInt eventTime,
    InsertFormat format,
    Map<String, String> insertSettings,
    Optional<PartitionKeyExpression> partitionKey,
    List<String> notes) {

  public List<String> columnNames() {
    return columns.stream().map(PlannedColumn::name).toList();
  }

  public boolean flexpriceCompatible() {
    return flexprice.isPresent();
  }

  /** The resolved mapping, one line per column, for the startup log. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("table ").append(table).append(flexprice.isPresent() ? " (Flexprice events)" : "");
    text.append(" format=").append(format);
    eventTime.ifPresent(i -> text.append(" event_time=").append(columns.get(i).name()));
    partitionKey.ifPresent(p -> text.append(" partition_key=").append(p.text()));
    for (PlannedColumn column : columns) {
      text.append("\n  ").append(column.describe());
    }
    for (String note : notes) {
      text.append("\n  ").append(note);
    }
    return text.toString();
  }
}
