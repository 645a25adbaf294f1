package io.batchline.consumer.batch;

import io.batchline.consumer.table.EncodedRow;
import io.batchline.consumer.table.RowBinaryBuffer;
import io.batchline.consumer.table.RowEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Encodes a cut batch into one RowBinary body, setting aside the records that cannot be rows: those
 * over {@code max-event-bytes}, and those the table's encoder rejects.
 */
public final class BatchEncoder {

  /**
   * The native implementation once lz4-java's library is loaded (the consumer loads it at start):
   * it is as fast as the Java one once that is compiled, and needs no JIT warm-up. Both give the
   * same hash.
   */
  private static final XXHash64 DIGEST = XXHashFactory.fastestInstance().hash64();

  private static final long DIGEST_SEED = 0x6261746368L;

  private BatchEncoder() {}

  /**
   * @param maxEventBytes larger records are rejected as too large before they are decoded
   */
  public static EncodedBatch encode(
      PendingBatch batch, RowEncoder encoder, int maxEventBytes, BodySizeEstimate sizes) {
    RowBinaryBuffer body = new RowBinaryBuffer(sizes.capacityFor(batch.bytes(), batch.size()));
    int[] rowEnds = new int[batch.size()];
    List<SourceRecord> rowRecords = new ArrayList<>(batch.size());
    List<Rejection> rejections = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    RowEncoder.RowWriter rows = encoder.rowWriter();
    for (SourceRecord record : batch.records()) {
      if (record.sizeBytes() > maxEventBytes) {
        rejections.add(
            Rejection.of(
                record,
                RejectReason.TOO_LARGE,
                "event is " + record.sizeBytes() + " bytes, max-event-bytes is " + maxEventBytes));
        continue;
      }
      EncodedRow row = rows.encode(record, batch.ingestedAt(), body);
      if (row instanceof EncodedRow.Written written) {
        rowEnds[rowRecords.size()] = body.size();
        rowRecords.add(record);
        oldest = Math.min(oldest, written.eventTimeMillis());
      } else if (row instanceof EncodedRow.Rejected rejected) {
        rejections.add(rejected.rejection());
      }
    }
    sizes.observe(batch.bytes(), body.size());
    int[] ends = rowRecords.size() == rowEnds.length ? rowEnds : copy(rowEnds, rowRecords.size());
    return new EncodedBatch(
        batch,
        body,
        ends,
        List.copyOf(rowRecords),
        List.copyOf(rejections),
        DIGEST.hash(body.array(), 0, body.size(), DIGEST_SEED),
        rowRecords.isEmpty() ? OptionalLong.empty() : OptionalLong.of(oldest),
        encoder);
  }

  private static int[] copy(int[] values, int length) {
    int[] result = new int[length];
    System.arraycopy(values, 0, result, 0, length);
    return result;
  }
}
