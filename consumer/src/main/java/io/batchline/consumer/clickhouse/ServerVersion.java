package io.batchline.consumer.clickhouse;

/** A ClickHouse server version, and the features the consumer uses when the server has them. */
public record ServerVersion(int major, int minor, String text) {

  public static ServerVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    try {
      return new ServerVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unrecognised ClickHouse version '" + text + "'", e);
    }
  }

  private boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }

  /** {@code insert_deduplication_token} appeared in 22.2. */
  public boolean supportsDeduplicationToken() {
    return atLeast(22, 2);
  }

  /** {@code X-ClickHouse-Summary} with written_rows on inserts; 18.16 sends none. */
  public boolean reportsWrittenRows() {
    return atLeast(22, 1);
  }

  /** The RowBinaryWithDefaults input format appeared in 23.7. */
  public boolean supportsRowBinaryWithDefaults() {
    return atLeast(23, 7);
  }

  /** {@code input_format_binary_read_json_as_string} appeared in 24.10. */
  public boolean supportsJsonAsString() {
    return atLeast(24, 10);
  }

  @Override
  public String toString() {
    return text;
  }
}
