package io.batchline.consumer.table;

import io.batchline.consumer.batch.RejectReason;

/**
 * One column of the INSERT, resolved once: where its value comes from, how it is written, and what
 * happens when the value is missing or does not fit.
 *
 * @param slot the index of the source's value in a row's values
 * @param fallbackSlot the slot of the {@link WhenMissing.Fallback} source, else -1
 * @param mismatchReason the reason a value that does not fit dead-letters the event with
 */
public record PlannedColumn(
    String name,
    ColumnType type,
    Source source,
    int slot,
    ValueWriter writer,
    WhenMissing whenMissing,
    int fallbackSlot,
    RejectReason mismatchReason) {

  public boolean nullable() {
    return WriterFactory.isNullable(type);
  }

  /** For the startup log: {@code quantity <- properties.quantity (Decimal(18, 6))}. */
  public String describe() {
    String missing = "missing_field";
    if (whenMissing instanceof WhenMissing.WriteNull) {
      missing = "NULL";
    } else if (whenMissing instanceof WhenMissing.ServerDefault) {
      missing = "DEFAULT";
    } else if (whenMissing instanceof WhenMissing.Constant constant) {
      missing = constant.description();
    } else if (whenMissing instanceof WhenMissing.Fallback fallback) {
      missing = fallback.source().text();
    }
    return name + " <- " + source.text() + " (" + type.text() + ", when missing: " + missing + ")";
  }
}
