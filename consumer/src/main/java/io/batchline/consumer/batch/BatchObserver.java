package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.List;

/** What the batcher reports, for metrics. Every method has a no-op default. */
public interface BatchObserver {

  default void received(int records) {}

  default void deadLettered(List<Rejection> rejections) {}

  default void flushed(FlushTrigger trigger, List<Event> written, Duration took) {}

  default void flushFailed(FlushTrigger trigger, int batchSize, boolean retriable, Duration took) {}

  default void committed(int partitions) {}

  default void buffer(int events, long bytes) {}
}
