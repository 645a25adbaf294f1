package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The events waiting to be written, and the rejected records waiting to be dead-lettered, in
 * arrival order. Bounds are enforced by {@link FlushPolicy}; this class only counts.
 */
public final class BatchBuffer {

  private final List<Event> events = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private long bytes;
  private Instant oldestAddedAt;

  public void add(Event event, Instant now) {
    touch(now);
    events.add(event);
    bytes += event.sizeBytes();
  }

  public void add(Rejection rejection, Instant now) {
    touch(now);
    rejections.add(rejection);
    bytes += rejection.record().sizeBytes();
  }

  private void touch(Instant now) {
    if (isEmpty()) {
      oldestAddedAt = now;
    }
  }

  /** Number of events; rejections count towards bytes only. */
  public int size() {
    return events.size();
  }

  public long bytes() {
    return bytes;
  }

  public boolean isEmpty() {
    return events.isEmpty() && rejections.isEmpty();
  }

  public Instant oldestAddedAt() {
    return oldestAddedAt;
  }

  /** A snapshot of the contents; the buffer keeps them until {@link #clear()}. */
  public Batch snapshot() {
    return new Batch(List.copyOf(events), List.copyOf(rejections));
  }

  public void clear() {
    events.clear();
    rejections.clear();
    bytes = 0;
    oldestAddedAt = null;
  }

  public void clearRejections() {
    rejections.forEach(r -> bytes -= r.record().sizeBytes());
    rejections.clear();
    if (isEmpty()) {
      oldestAddedAt = null;
    }
  }

  /** Drops everything from the given partitions, for example after they were revoked. */
  public void removePartitions(Collection<PartitionKey> partitions) {
    events.removeIf(e -> partitions.contains(e.partition()));
    rejections.removeIf(r -> partitions.contains(r.record().partition()));
    bytes =
        events.stream().mapToLong(Event::sizeBytes).sum()
            + rejections.stream().mapToLong(r -> r.record().sizeBytes()).sum();
    if (isEmpty()) {
      oldestAddedAt = null;
    }
  }
}
