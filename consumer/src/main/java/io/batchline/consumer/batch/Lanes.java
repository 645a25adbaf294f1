package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The lanes of the partitions assigned to this consumer, and what they hold between them. */
final class Lanes {

  private final Map<PartitionKey, PartitionLane> byPartition = new TreeMap<>();

  PartitionLane get(PartitionKey partition) {
    return byPartition.get(partition);
  }

  void add(PartitionLane lane) {
    byPartition.put(lane.partition, lane);
  }

  void remove(PartitionKey partition) {
    byPartition.remove(partition);
  }

  Collection<PartitionLane> all() {
    return byPartition.values();
  }

  Set<PartitionKey> partitions() {
    return new TreeSet<>(byPartition.keySet());
  }

  int heldRecords() {
    int held = 0;
    for (PartitionLane lane : byPartition.values()) {
      held += lane.heldRecords();
    }
    return held;
  }

  long heldBytes() {
    long held = 0;
    for (PartitionLane lane : byPartition.values()) {
      held += lane.heldBytes();
    }
    return held;
  }

  /** True when some partition has a batch cut and not yet committed. */
  boolean anyBatchInFlight() {
    for (PartitionLane lane : byPartition.values()) {
      if (!lane.batches.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Those holding records they cannot take yet, or all of them when the budget is used up. */
  Set<PartitionKey> toPause(InFlightBudget budget) {
    boolean usedUp = budget.isUsedUp(heldRecords(), heldBytes());
    Set<PartitionKey> paused = new TreeSet<>();
    byPartition.forEach(
        (partition, lane) -> {
          if (usedUp || lane.holdsRecords()) {
            paused.add(partition);
          }
        });
    return paused;
  }

  Set<PartitionKey> pinned() {
    Set<PartitionKey> pinned = new TreeSet<>();
    byPartition.forEach((p, lane) -> lane.open.pinned().ifPresent(range -> pinned.add(p)));
    return pinned;
  }

  /** The earliest time a timer fires: a batch's age, a retry, the rate limiter's next permit. */
  Instant nextTimer(Instant now, Instant latest, FlushPolicy policy, RateLimiter rateLimiter) {
    Instant next = latest;
    for (PartitionLane lane : byPartition.values()) {
      next = earlier(next, policy.deadline(lane.open));
      InFlightBatch head = lane.head();
      if (head != null) {
        next = earlier(next, Optional.ofNullable(head.retryAt));
      }
      if (lane.holdsRecords()) {
        next = earlier(next, Optional.of(now.plus(rateLimiter.untilNextPermit())));
      }
    }
    return next;
  }

  /** When the oldest write still failing began to fail. */
  Optional<Instant> oldestFailure() {
    Instant oldest = null;
    for (PartitionLane lane : byPartition.values()) {
      InFlightBatch head = lane.head();
      if (head != null
          && head.failingSince != null
          && (oldest == null || head.failingSince.isBefore(oldest))) {
        oldest = head.failingSince;
      }
    }
    return Optional.ofNullable(oldest);
  }

  private static Instant earlier(Instant current, Optional<Instant> candidate) {
    return candidate.isPresent() && candidate.get().isBefore(current) ? candidate.get() : current;
  }
}
