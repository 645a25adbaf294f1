package io.batchline.consumer.batch;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tracks, per partition, which offsets are still in flight, and so which offset may be committed.
 *
 * <p>The committable offset of a partition is its lowest in-flight offset, or one past the highest
 * finished offset when nothing is in flight. A record is finished only when it is in ClickHouse or
 * in the dead-letter topic, so committing this offset can never skip a record that was not
 * delivered.
 */
public final class OffsetLedger {

  /**
   * In-flight offsets of one partition in arrival order, as a ring of primitive longs: records are
   * almost always finished in order, so this costs no boxing per event. The few finished out of
   * order (dead-lettered ahead of their batch) wait in a set until they reach the head.
   */
  private static final class PartitionState {
    private long[] ring = new long[1024];
    private int head;
    private int size;
    private final Set<Long> finishedEarly = new HashSet<>();
    long next = -1;
    long committed = -1;

    void track(long offset) {
      if (size == ring.length) {
        long[] grown = new long[ring.length * 2];
        for (int i = 0; i < size; i++) {
          grown[i] = ring[(head + i) % ring.length];
        }
        ring = grown;
        head = 0;
      }
      ring[(head + size) % ring.length] = offset;
      size++;
      next = Math.max(next, offset + 1);
    }

    void finish(long offset) {
      if (size > 0 && ring[head] == offset) {
        pollHead();
        while (size > 0 && !finishedEarly.isEmpty() && finishedEarly.remove(ring[head])) {
          pollHead();
        }
      } else {
        finishedEarly.add(offset);
      }
    }

    private void pollHead() {
      head = (head + 1) % ring.length;
      size--;
    }

    long committable() {
      return size == 0 ? next : ring[head];
    }

    int inFlight() {
      return size - finishedEarly.size();
    }
  }

  private final Map<PartitionKey, PartitionState> partitions = new HashMap<>();

  /** Records that this offset has been read and is not yet delivered. */
  public void track(PartitionKey partition, long offset) {
    partitions.computeIfAbsent(partition, p -> new PartitionState()).track(offset);
  }

  /** Records that this offset has been delivered (written or dead-lettered). */
  public void finish(PartitionKey partition, long offset) {
    PartitionState state = partitions.get(partition);
    if (state != null) {
      state.finish(offset);
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
    return partitions.values().stream().mapToInt(PartitionState::inFlight).sum();
  }

  /**
   * Forgets partitions this consumer no longer owns; their records will be read again elsewhere.
   */
  public void forget(Collection<PartitionKey> revoked) {
    revoked.forEach(partitions::remove);
  }
}
