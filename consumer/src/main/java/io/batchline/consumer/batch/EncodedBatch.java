package io.batchline.consumer.batch;

import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import java.util.List;
import java.util.OptionalLong;

/**
 * A batch encoded for its insert: the RowBinary body, where each row starts and ends in it, the
 * record each row came from, and the records that could not become rows.
 *
 * @param rowEnds the end offset in {@code body} of each row; row {@code i} starts where row {@code
 *     i-1} ends
 * @param digest a digest of the body, part of the deduplication token
 * @param oldestEventTime the earliest event time among the rows, for the latency metric
 * @param encoder the encoder the body was made with, so parts of it can be re-derived
 */
public record EncodedBatch(
    PendingBatch source,
    RowBinaryBuffer body,
    int[] rowEnds,
    List<SourceRecord> rowRecords,
    List<Rejection> rejections,
    long digest,
    OptionalLong oldestEventTime,
    RowEncoder encoder) {

  public int rows() {
    return rowEnds.length;
  }

  public int rowStart(int row) {
    return row == 0 ? 0 : rowEnds[row - 1];
  }

  public int rowEnd(int row) {
    return rowEnds[row];
  }
}
