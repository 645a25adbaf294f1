package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the batcher reports, for metrics. Called on the poll thread. Every method has a no-op
 * default.
 */
public interface BatchObserver {

  default void received(int records) {}

  default void deadLettered(List<Rejection> rejections) {}

  /**
   * A batch was written.
   *
   * @param oldestEventTimeMillis the earliest event time among its rows, if it had any
   */
  default void flushed(
      FlushTrigger trigger, int rows, Duration took, OptionalLong oldestEventTimeMillis) {}

  /** Rows the server acknowledged without writing them: replays it had seen under their token. */
  default void deduplicated(int rows) {}

  default void flushFailed(FlushTrigger trigger, int batchSize, boolean retriable, Duration took) {}

  default void committed(int partitions) {}

  default void buffer(int records, long bytes) {}

  /** A stage was busy for this long; called from the thread that did the work. */
  default void stageBusy(PipelineStage stage, long nanos) {}
}
