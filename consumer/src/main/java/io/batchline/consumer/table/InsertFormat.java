package io.batchline.consumer.table;

/** The RowBinary flavour an encoder's rows are in. */
public enum InsertFormat {
  /** Every listed column's value, in order. */
  ROW_BINARY,
  /**
   * Each value preceded by a byte: 0 and the value, or 1 for the column's DEFAULT. Used only when a
   * column may need its default per row; ClickHouse 23.7 and newer.
   */
  ROW_BINARY_WITH_DEFAULTS
}
