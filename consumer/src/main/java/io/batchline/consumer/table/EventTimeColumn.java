package io.batchline.consumer.table;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Chooses the column whose value is the event's time: for the end-to-end latency metric and the
 * timestamp window. In order: a date or time column named {@code timestamp}; else the first date or
 * time column that the partition key uses; else the first date or time column read from the event.
 * Columns filled from {@code _ingested_at} never count.
 */
final class EventTimeColumn {

  private EventTimeColumn() {}

  static OptionalInt choose(List<PlannedColumn> columns, Optional<String> partitionKey) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals("timestamp") && isEventTime(columns.get(i))) {
        return OptionalInt.of(i);
      }
    }
    if (partitionKey.isPresent()) {
      for (int i = 0; i < columns.size(); i++) {
        Pattern word =
            Pattern.compile(
                "(?<![A-Za-z0-9_])" + Pattern.quote(columns.get(i).name()) + "(?![A-Za-z0-9_])");
        if (isEventTime(columns.get(i)) && word.matcher(partitionKey.get()).find()) {
          return OptionalInt.of(i);
        }
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (isEventTime(columns.get(i)) && columns.get(i).source() instanceof Source.JsonPath) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  static boolean isTime(ColumnType type) {
    ColumnType base = WriterFactory.base(type);
    return base instanceof ColumnType.DateType
        || base instanceof ColumnType.DateTimeType
        || base instanceof ColumnType.DateTime64Type;
  }

  private static boolean isEventTime(PlannedColumn column) {
    return isTime(column.type()) && column.source() != Source.Attribute.INGESTED_AT;
  }
}
