package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of one partition waiting to be cut into a batch, in offset order. After a
 * reassignment it may be pinned to the range an earlier owner recorded, so that the first batch
 * ends exactly where that owner's did.
 */
final class OpenBatch {

  private List<SourceRecord> records = new ArrayList<>();
  private long bytes;
  private Instant oldestAddedAt;
  private Optional<OffsetRange> pinned = Optional.empty();

  void pin(OffsetRange range) {
    pinned = Optional.of(range);
  }

  void unpin() {
    pinned = Optional.empty();
  }

  Optional<OffsetRange> pinned() {
    return pinned;
  }

  void add(SourceRecord record, Instant now) {
    if (records.isEmpty()) {
      oldestAddedAt = now;
    }
    records.add(record);
    bytes += record.sizeBytes();
  }

  int size() {
    return records.size();
  }

  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  Instant oldestAddedAt() {
    return oldestAddedAt;
  }

  long lastOffset() {
    return records.get(records.size() - 1).offset();
  }

  /** A pinned batch is complete once it holds its last offset, or the log has moved past it. */
  boolean pinnedComplete(long position) {
    return pinned.isPresent()
        && ((!records.isEmpty() && lastOffset() >= pinned.get().last())
            || position > pinned.get().last());
  }

  /** Takes the records out as a batch; the batch is empty again and no longer pinned. */
  PendingBatch cut(PartitionKey partition, FlushTrigger trigger, Instant ingestedAt) {
    List<SourceRecord> taken = records;
    PendingBatch batch =
        new PendingBatch(
            partition,
            List.copyOf(taken),
            new OffsetRange(taken.get(0).offset(), taken.get(taken.size() - 1).offset()),
            trigger,
            ingestedAt,
            bytes);
    records = new ArrayList<>();
    bytes = 0;
    oldestAddedAt = null;
    pinned = Optional.empty();
    return batch;
  }

  /** Forgets everything, e.g. when the partition is given up. */
  void clear() {
    records = new ArrayList<>();
    bytes = 0;
    oldestAddedAt = null;
    pinned = Optional.empty();
  }
}
