package io.batchline.consumer.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a partition's open batch is cut: it holds {@code batchSize} records, or {@code maxBytes}
 * bytes, or its oldest record has waited {@code flushInterval}. A zero interval cuts after every
 * poll; with a batch size of 1 that is the seed's rollback mode, one insert per event. A batch
 * pinned to an earlier owner's range is cut when it is complete, whatever its size or age.
 */
public record FlushPolicy(int batchSize, long maxBytes, Duration flushInterval) {

  public FlushPolicy {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
    }
    if (flushInterval.isNegative()) {
      throw new IllegalArgumentException("flushInterval must not be negative");
    }
  }

  Optional<FlushTrigger> due(OpenBatch open, Instant now, long position) {
    if (open.isEmpty()) {
      return Optional.empty();
    }
    if (open.pinned().isPresent()) {
      return open.pinnedComplete(position) ? Optional.of(FlushTrigger.REPLAY) : Optional.empty();
    }
    if (open.size() >= batchSize) {
      return Optional.of(FlushTrigger.SIZE);
    }
    if (open.bytes() >= maxBytes) {
      return Optional.of(FlushTrigger.BYTES);
    }
    if (!now.isBefore(open.oldestAddedAt().plus(flushInterval))) {
      return Optional.of(FlushTrigger.TIME);
    }
    return Optional.empty();
  }

  /** Whether one more record of this size fits the open batch without passing a bound. */
  boolean hasRoomFor(OpenBatch open, SourceRecord record) {
    if (open.pinned().isPresent()) {
      return record.offset() <= open.pinned().get().last();
    }
    return open.size() < batchSize
        && (open.isEmpty() || open.bytes() + record.sizeBytes() <= maxBytes);
  }

  /** When the time trigger fires for this open batch, or empty when it cannot fire. */
  Optional<Instant> deadline(OpenBatch open) {
    return open.isEmpty() || open.pinned().isPresent()
        ? Optional.empty()
        : Optional.of(open.oldestAddedAt().plus(flushInterval));
  }
}
