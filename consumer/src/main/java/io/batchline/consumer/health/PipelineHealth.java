package io.batchline.consumer.health;

import io.batchline.consumer.kafka.LoopState;
import io.batchline.consumer.metrics.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The pipeline's state as the health checks and gauges see it. Written by the poll loop. */
@ApplicationScoped
public class PipelineHealth implements LoopState {

  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private volatile boolean started;
  private volatile boolean draining;
  private volatile boolean writeFailing;
  private volatile long lastHeartbeatNanos = System.nanoTime();
  private volatile Throwable fatal;
  private volatile PipelineMetrics metrics;

  public void started(PipelineMetrics pipelineMetrics) {
    this.metrics = pipelineMetrics;
    this.lastHeartbeatNanos = System.nanoTime();
    this.started = true;
  }

  public void draining() {
    draining = true;
  }

  @Override
  public void heartbeat(boolean failing, long lag) {
    writeFailing = failing;
    lastHeartbeatNanos = System.nanoTime();
    if (metrics != null) {
      metrics.lag(lag);
    }
  }

  @Override
  public void paused(boolean paused) {
    if (metrics != null) {
      metrics.paused(paused);
    }
  }

  @Override
  public void failed(Throwable error) {
    fatal = error;
  }

  /** Ready to take traffic share: started, not draining, and ClickHouse accepting writes. */
  public String notReadyReason() {
    if (!started) {
      return "starting";
    }
    if (draining) {
      return "draining";
    }
    if (writeFailing) {
      return "ClickHouse writes failing, partitions paused";
    }
    return fatal == null ? null : "poll loop failed: " + fatal;
  }

  /** Alive unless the poll loop died or has not turned for a minute. */
  public String notLiveReason() {
    if (fatal != null) {
      return "poll loop failed: " + fatal;
    }
    Duration sinceHeartbeat = Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos);
    if (started && !draining && sinceHeartbeat.compareTo(STALL_LIMIT) > 0) {
      return "poll loop stalled for " + sinceHeartbeat.toSeconds() + "s";
    }
    return null;
  }
}
