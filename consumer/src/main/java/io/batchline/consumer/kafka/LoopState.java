package io.batchline.consumer.kafka;

import java.time.Duration;

/** What the poll loop reports about itself, for health checks and gauges. */
public interface LoopState {

  /**
   * Once per turn of the loop.
   *
   * @param writeFailing whether a write failed and waits for its retry
   * @param longestRetry how long the oldest unresolved failure has been retried
   */
  void heartbeat(boolean writeFailing, Duration longestRetry, long lag);

  /** How many assigned partitions are paused. */
  void paused(int partitions);

  void failed(Throwable error);
}
