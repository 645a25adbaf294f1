package io.batchline.consumer.batch;

import java.time.Instant;
import java.util.Optional;

/**
 * One partition's turn on the poll thread: takes held-back records into the open batch as far as
 * the batch bounds and the rate limit allow, and cuts the open batch when a trigger fires.
 */
final class LaneStep {

  private LaneStep() {}

  static boolean run(
      PartitionLane lane,
      BatcherSettings settings,
      Instant now,
      boolean budgetStalled,
      WriterPool pool,
      PipelineLog log) {
    boolean progress = false;
    FlushPolicy policy = settings.policy();
    while (lane.holdsRecords()) {
      SourceRecord next = lane.nextHeld();
      if (!policy.hasRoomFor(lane.open, next)) {
        if (!lane.canCut()) {
          break;
        }
        cut(lane, fullTrigger(lane, policy), now, pool);
        progress = true;
        continue;
      }
      if (!settings.rateLimiter().tryAcquire()) {
        break;
      }
      lane.takeHeld();
      lane.add(next, now).ifPresent(warning -> log.warn(() -> warning));
      progress = true;
    }
    Optional<FlushTrigger> due = due(lane, policy, now, budgetStalled);
    if (due.isPresent() && lane.canCut()) {
      cut(lane, due.get(), now, pool);
      progress = true;
    }
    return progress;
  }

  private static Optional<FlushTrigger> due(
      PartitionLane lane, FlushPolicy policy, Instant now, boolean budgetStalled) {
    if (lane.finishing != null) {
      if (lane.open.pinned().isPresent() && !lane.open.pinnedComplete(lane.position)) {
        lane.open.clear();
        return Optional.empty();
      }
      return Optional.of(lane.finishing);
    }
    Optional<FlushTrigger> due = policy.due(lane.open, now, lane.position);
    if (due.isEmpty() && budgetStalled && lane.open.pinned().isEmpty()) {
      return Optional.of(FlushTrigger.BYTES);
    }
    return due;
  }

  private static FlushTrigger fullTrigger(PartitionLane lane, FlushPolicy policy) {
    if (lane.open.pinned().isPresent()) {
      return FlushTrigger.REPLAY;
    }
    return lane.open.size() >= policy.batchSize() ? FlushTrigger.SIZE : FlushTrigger.BYTES;
  }

  private static void cut(PartitionLane lane, FlushTrigger trigger, Instant now, WriterPool pool) {
    pool.encode(lane.cut(trigger, now));
  }
}
