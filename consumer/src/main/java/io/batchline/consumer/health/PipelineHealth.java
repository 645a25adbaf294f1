package io.batchline.consumer.health;

import io.batchline.consumer.kafka.LoopState;
import io.batchline.consumer.metrics.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The pipeline's state as the health checks and gauges see it. Written by the poll loop.
 *
 * <p>Readiness is DOWN while a write fails, so a stalled consumer is visible at once; liveness
 * turns DOWN only when the failure has lasted {@code stall-timeout}, when the poll loop stopped
 * turning, or when it died, so that the platform restarts the pod or alerts.
 */
@ApplicationScoped
public class PipelineHealth implements LoopState {

  static final Duration LOOP_STALL_LIMIT = Duration.ofSeconds(60);

  private volatile boolean started;
  private volatile boolean draining;
  private volatile boolean writeFailing;
  private volatile Duration longestRetry = Duration.ZERO;
  private volatile Duration stallTimeout = Duration.ofMinutes(10);
  private volatile long lastHeartbeatNanos = System.nanoTime();
  private volatile Throwable fatal;
  private volatile PipelineMetrics metrics;

  public void started(PipelineMetrics pipelineMetrics, Duration stallLimit) {
    this.metrics = pipelineMetrics;
    this.stallTimeout = stallLimit;
    this.lastHeartbeatNanos = System.nanoTime();
    this.started = true;
  }

  public void draining() {
    draining = true;
  }

  @Override
  public void heartbeat(boolean failing, Duration retrying, long lag) {
    writeFailing = failing;
    longestRetry = retrying;
    lastHeartbeatNanos = System.nanoTime();
    if (metrics != null) {
      metrics.lag(lag);
      metrics.retrying(retrying);
    }
  }

  @Override
  public void paused(int partitions) {
    if (metrics != null) {
      metrics.paused(partitions);
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
    if (fatal != null) {
      return "poll loop failed: " + fatal;
    }
    if (writeFailing) {
      return "writes failing for " + longestRetry.toSeconds() + "s, partitions paused";
    }
    return null;
  }

  /** Alive unless the poll loop died, stopped turning, or a failure outlasted stall-timeout. */
  public String notLiveReason() {
    if (fatal != null) {
      return "poll loop failed: " + fatal;
    }
    if (!started || draining) {
      return null;
    }
    Duration sinceHeartbeat = Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos);
    if (sinceHeartbeat.compareTo(LOOP_STALL_LIMIT) > 0) {
      return "poll loop stalled for " + sinceHeartbeat.toSeconds() + "s";
    }
    if (longestRetry.compareTo(stallTimeout) > 0) {
      return "writes have failed for "
          + longestRetry.toSeconds()
          + "s, longer than stall-timeout "
          + stallTimeout.toSeconds()
          + "s";
    }
    return null;
  }
}
