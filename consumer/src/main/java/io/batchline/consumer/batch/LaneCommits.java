package io.batchline.consumer.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit order of each partition, as one {@code commitSync} for all partitions: a batch's
 * intent is committed before its insert, and its end after it. When the next batch is already
 * encoded, one commit does both: the next batch's intent at the offset after the written one.
 */
final class LaneCommits {

  /** One partition's part of the commit, and what it settles once committed. */
  record Planned(PartitionLane lane, CommitPosition position, boolean settlesHead) {}

  private LaneCommits() {}

  static List<Planned> plan(Iterable<PartitionLane> lanes) {
    List<Planned> planned = new ArrayList<>();
    for (PartitionLane lane : lanes) {
      InFlightBatch head = lane.head();
      if (head == null) {
        continue;
      }
      if (head.stage == InFlightBatch.Stage.WRITTEN) {
        InFlightBatch next = lane.second();
        if (next != null && next.stage == InFlightBatch.Stage.ENCODING) {
          continue;
        }
        CommitPosition position =
            next != null && next.stage == InFlightBatch.Stage.ENCODED && !next.intentCommitted
                ? CommitPosition.intent(next.intent)
                : CommitPosition.delivered(head.pending.range().last() + 1);
        planned.add(new Planned(lane, position, true));
      } else if (head.stage == InFlightBatch.Stage.ENCODED && !head.intentCommitted) {
        planned.add(new Planned(lane, CommitPosition.intent(head.intent), false));
      }
    }
    return planned;
  }

  static Map<PartitionKey, CommitPosition> positions(List<Planned> planned) {
    Map<PartitionKey, CommitPosition> positions = new LinkedHashMap<>();
    planned.forEach(p -> positions.put(p.lane().partition, p.position()));
    return positions;
  }

  /** Records that the planned commit happened. */
  static void committed(List<Planned> planned) {
    for (Planned p : planned) {
      if (p.settlesHead()) {
        p.lane().batches.removeFirst();
      }
      InFlightBatch head = p.lane().head();
      if (head != null
          && head.stage == InFlightBatch.Stage.ENCODED
          && !p.position().metadata().isEmpty()) {
        head.intentCommitted = true;
      }
    }
  }
}
