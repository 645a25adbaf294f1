package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;

/**
 * One assigned partition's way through the pipeline: records held back (rate limit, full batch),
 * the open batch, and at most two cut batches, of which only the first may be written, because a
 * partition's committed-offset metadata holds one intent at a time. The next batch is encoded while
 * the first is written.
 */
final class PartitionLane {

  static final int MAX_BATCHES = 2;

  final PartitionKey partition;
  final UUID topicId;
  final OpenBatch open = new OpenBatch();
  private final ArrayDeque<SourceRecord> waiting = new ArrayDeque<>();
  private long waitingBytes;
  final ArrayDeque<InFlightBatch> batches = new ArrayDeque<>(MAX_BATCHES);
  private Optional<Intent> replay;
  long position = -1;

  /** Set while the partition is being flushed to be given up: the trigger of its last batches. */
  FlushTrigger finishing;

  /** Records given up uncommitted since the lane began finishing. */
  int abandoned;

  PartitionLane(PartitionKey partition, UUID topicId, Optional<Intent> replay) {
    this.partition = partition;
    this.topicId = topicId;
    this.replay = replay;
    replay.ifPresent(intent -> open.pin(intent.range()));
  }

  boolean canCut() {
    return !open.isEmpty() && batches.size() < MAX_BATCHES;
  }

  /**
   * Adds a record to the open batch. The first record after a reassignment decides whether the
   * recorded intent can be replayed exactly: when records at its start are gone (retention), the
   * batch still ends where the intent did, but gets a token of its own.
   *
   * @return a warning to log when the recorded intent cannot be replayed as it was
   */
  Optional<String> add(SourceRecord record, Instant now) {
    Optional<String> warning = Optional.empty();
    if (open.isEmpty() && replay.isPresent() && record.offset() != replay.get().range().first()) {
      OffsetRange recorded = replay.get().range();
      replay = Optional.empty();
      if (record.offset() > recorded.last()) {
        open.unpin();
      }
      warning =
          Optional.of(
              "records of the interrupted batch are gone from Kafka, so it cannot be replayed as"
                  + " it was; its rows may be written twice partition="
                  + partition
                  + " recorded_range="
                  + recorded
                  + " first_available_offset="
                  + record.offset());
    }
    open.add(record, now);
    return warning;
  }

  InFlightBatch cut(FlushTrigger trigger, Instant now) {
    Optional<Intent> replayed = replay;
    replay = Optional.empty();
    InFlightBatch batch =
        new InFlightBatch(
            open.cut(partition, trigger, replayed.map(Intent::ingestedAt).orElse(now)));
    replayed
        .filter(intent -> intent.range().equals(batch.pending.range()))
        .ifPresent(
            intent -> {
              batch.intent = intent;
              batch.intentCommitted = true;
            });
    batches.addLast(batch);
    return batch;
  }

  InFlightBatch head() {
    return batches.peekFirst();
  }

  /** The batch after the head, if any. */
  InFlightBatch second() {
    Iterator<InFlightBatch> it = batches.iterator();
    if (!it.hasNext()) {
      return null;
    }
    it.next();
    return it.hasNext() ? it.next() : null;
  }

  /** Holds a polled record until the open batch can take it. */
  void hold(SourceRecord record) {
    waiting.addLast(record);
    waitingBytes += record.sizeBytes();
  }

  /** The oldest held record, or null when none is held. */
  SourceRecord nextHeld() {
    return waiting.peekFirst();
  }

  void takeHeld() {
    waitingBytes -= waiting.pollFirst().sizeBytes();
  }

  boolean holdsRecords() {
    return !waiting.isEmpty();
  }

  /** Drops the held records; they were never in a batch and stay uncommitted. */
  void dropHeld() {
    waiting.clear();
    waitingBytes = 0;
  }

  boolean isIdle() {
    return batches.isEmpty() && open.isEmpty() && waiting.isEmpty();
  }

  /** Records held anywhere in the lane. */
  int heldRecords() {
    int held = open.size() + waiting.size();
    for (InFlightBatch batch : batches) {
      held += batch.pending.size();
    }
    return held;
  }

  long heldBytes() {
    long held = open.bytes() + waitingBytes;
    for (InFlightBatch batch : batches) {
      held += batch.pending.bytes();
    }
    return held;
  }

  /** Forgets everything; uncommitted records are read again by the partition's next owner. */
  int abandon() {
    int dropped = heldRecords();
    abandoned += dropped;
    dropHeld();
    open.clear();
    batches.clear();
    replay = Optional.empty();
    return dropped;
  }
}
