package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.List;

/**
 * A batch cut from one partition: a contiguous run of its records, not yet encoded.
 *
 * @param ingestedAt the ingestion time its rows carry; a replay keeps the recorded one
 * @param bytes the records' value bytes, for the in-flight budget
 */
public record PendingBatch(
    PartitionKey partition,
    List<SourceRecord> records,
    OffsetRange range,
    FlushTrigger trigger,
    Instant ingestedAt,
    long bytes) {

  public int size() {
    return records.size();
  }
}
