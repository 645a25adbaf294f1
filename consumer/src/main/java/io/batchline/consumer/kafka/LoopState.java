package io.batchline.consumer.kafka;

/** What the poll loop reports about itself, for health checks and gauges. */
public interface LoopState {

  void heartbeat(boolean writeFailing, long lag);

  void paused(boolean paused);

  void failed(Throwable error);
}
