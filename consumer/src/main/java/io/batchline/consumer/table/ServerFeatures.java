package io.batchline.consumer.table;

/**
 * What the server can take, as far as writing rows is concerned.
 *
 * @param rowBinaryWithDefaults the RowBinaryWithDefaults format (23.7 and newer): a row may ask for
 *     a column's DEFAULT
 * @param jsonAsString the setting {@code input_format_binary_read_json_as_string} (24.10 and
 *     newer), which lets a JSON column take JSON text
 * @param timeZone the server's time zone, which a DateTime column without its own zone uses
 */
public record ServerFeatures(boolean rowBinaryWithDefaults, boolean jsonAsString, String timeZone) {

  /** ClickHouse 18.16 in UTC, as the local stack runs it. */
  public static final ServerFeatures OLDEST = new ServerFeatures(false, false, "UTC");

  /** ClickHouse 26.9 in UTC, as the chdb engine runs it. */
  public static final ServerFeatures MODERN = new ServerFeatures(true, true, "UTC");
}
