package io.batchline.consumer.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a buffer must be flushed: it holds {@code batchSize} events, or {@code maxBytes} bytes, or
 * its oldest event has waited {@code flushInterval}. A zero interval flushes after every poll; with
 * a batch size of 1 that is the seed's rollback mode, one insert per event.
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

  public Optional<FlushTrigger> due(BatchBuffer buffer, Instant now) {
    if (buffer.isEmpty()) {
      return Optional.empty();
    }
    if (buffer.size() >= batchSize) {
      return Optional.of(FlushTrigger.SIZE);
    }
    if (buffer.bytes() >= maxBytes) {
      return Optional.of(FlushTrigger.BYTES);
    }
    if (!now.isBefore(buffer.oldestAddedAt().plus(flushInterval))) {
      return Optional.of(FlushTrigger.TIME);
    }
    return Optional.empty();
  }

  /** Whether one more event of this size fits without passing a bound. */
  public boolean hasRoomFor(BatchBuffer buffer, int eventBytes) {
    return buffer.size() < batchSize
        && (buffer.isEmpty() || buffer.bytes() + eventBytes <= maxBytes);
  }

  /** When the time trigger fires for this buffer, or empty when the buffer is empty. */
  public Optional<Instant> deadline(BatchBuffer buffer) {
    return buffer.isEmpty()
        ? Optional.empty()
        : Optional.of(buffer.oldestAddedAt().plus(flushInterval));
  }
}
