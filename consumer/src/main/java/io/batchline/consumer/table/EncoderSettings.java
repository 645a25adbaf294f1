package io.batchline.consumer.table;

/**
 * The user's settings for turning events into rows.
 *
 * @param columns {@code clickhouse.columns}
 * @param window {@code event-processing.timestamp-max-age} and {@code -max-future}
 * @param maxEventBytes larger events are rejected with {@code too_large}
 */
public record EncoderSettings(ColumnMapping columns, TimestampWindow window, int maxEventBytes) {

  public static final EncoderSettings DEFAULTS =
      new EncoderSettings(ColumnMapping.NONE, TimestampWindow.OFF, 1024 * 1024);

  /** Plans the table and builds its encoder; refuses what cannot be written. */
  public TableRowEncoder encoderFor(TableDefinition table) {
    return new TableRowEncoder(TablePlanner.plan(table, columns), maxEventBytes, window);
  }
}
