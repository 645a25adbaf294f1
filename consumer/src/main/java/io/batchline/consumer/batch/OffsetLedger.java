package io.batchline.consumer.batch;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Tracks, per partition, which offsets are still in flight, and so which offset may be committed.
 *
 * <p>The committable offset of a partition is its lowest in-flight offset, or one past the highest
 * finished offset when nothing is in flight. A record is finished only when it is in ClickHouse or
 * in the dead-letter topic, so committing this offset can never skip a record that was not
 * delivered.
 */
public final class OffsetLedger {

  private static final class PartitionState {
    final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    long next = -1;
    long committed = -1;

    long committable() {
      return inFlight.isEmpty() ? next : inFlight.peekFirst();
    }
  }

  private final Map<PartitionKey, PartitionState> partitions = new HashMap<>();

  /** Records that this offset has been read and is not yet delivered. */
  public void track(PartitionKey partition, long offset) {
    PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
    state.inFlight.addLast(offset);
    state.next = Math.max(state.next, offset + 1);
  }

  /** Records that this offset has been delivered (written or dead-lettered). */
  public void finish(PartitionKey partition, long offset) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      return;
    }
    Long head = state.inFlight.peekFirst();
    if (head != null && head == offset) {
      state.inFlight.pollFirst();
    } else {
      state.inFlight.remove(offset);
    }
  }

  /** Offsets that can be committed now and were not committed yet, as Kafka's "next offset". */
  public Map<PartitionKey, Long> committable() {
    Map<PartitionKey, Long> result = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          long offset = state.committable();
          if (offset > state.committed) {
            result.put(partition, offset);
          }
        });
    return result;
  }

  public void markCommitted(Map<PartitionKey, Long> offsets) {
    offsets.forEach(
        (partition, offset) -> {
          PartitionState state = partitions.get(partition);
          if (state != null) {
            state.committed = Math.max(state.committed, offset);
          }
        });
  }

  public int inFlight() {
    return partitions.values().stream().mapToInt(s -> s.inFlight.size()).sum();
  }

  /**
   * Forgets partitions this consumer no longer owns; their records will be read again elsewhere.
   */
  public void forget(Collection<PartitionKey> revoked) {
    revoked.forEach(partitions::remove);
  }
}
