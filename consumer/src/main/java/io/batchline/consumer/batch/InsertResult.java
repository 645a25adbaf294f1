package io.batchline.consumer.batch;

import java.util.OptionalLong;

/**
 * What the server said about an acknowledged insert.
 *
 * @param writtenRows the rows its summary reports written; empty when it sends no summary (18.16).
 *     Fewer than sent means the server dropped a replay it had seen under the same token, or
 *     reports no counts: both are success.
 */
public record InsertResult(OptionalLong writtenRows) {

  public static InsertResult unknown() {
    return new InsertResult(OptionalLong.empty());
  }

  /** Rows the server acknowledged without writing them. */
  public int deduplicated(int sent) {
    if (writtenRows.isEmpty()) {
      return 0;
    }
    return (int) Math.max(0, sent - writtenRows.getAsLong());
  }
}
