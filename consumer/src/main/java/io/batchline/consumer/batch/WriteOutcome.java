package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.List;

/** How one attempt to write a batch ended. */
public sealed interface WriteOutcome permits WriteOutcome.Written, WriteOutcome.Failed {

  /** Records dead-lettered during the attempt, whatever its end. */
  List<Rejection> deadLettered();

  Duration took();

  /**
   * Every row is in ClickHouse or in the dead-letter topic.
   *
   * @param rows rows the server acknowledged
   * @param deduplicated of those, rows the server reported it did not write (a replay it had seen)
   */
  record Written(int rows, int deduplicated, List<Rejection> deadLettered, Duration took)
      implements WriteOutcome {}

  /**
   * The attempt stopped; the batch is kept and tried again later.
   *
   * @param rejectedRows whether the failure was the rows' fault (the batch was being bisected)
   */
  record Failed(
      SinkException cause, boolean rejectedRows, List<Rejection> deadLettered, Duration took)
      implements WriteOutcome {}
}
