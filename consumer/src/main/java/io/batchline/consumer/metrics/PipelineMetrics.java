package io.batchline.consumer.metrics;

import io.batchline.consumer.batch.BatchObserver;
import io.batchline.consumer.batch.Event;
import io.batchline.consumer.batch.FlushTrigger;
import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's Prometheus metrics, all prefixed {@code batchline_}. Names are a contract: the
 * dashboards, alerts and autoscalers refer to them.
 */
public final class PipelineMetrics implements BatchObserver {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter received;
  private final Counter written;
  private final Counter commits;
  private final Timer flushDuration;
  private final DistributionSummary batchSize;
  private final Timer endToEnd;
  private final AtomicLong bufferEvents = new AtomicLong();
  private final AtomicLong bufferBytes = new AtomicLong();
  private final AtomicLong paused = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  private final UtilizationWindow utilization = new UtilizationWindow(System::nanoTime);

  public PipelineMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    received = Counter.builder("batchline.events.received").register(registry);
    written = Counter.builder("batchline.events.written").register(registry);
    commits = Counter.builder("batchline.offset.commits").register(registry);
    flushDuration =
        Timer.builder("batchline.flush.duration").publishPercentileHistogram().register(registry);
    batchSize =
        DistributionSummary.builder("batchline.batch.size")
            .serviceLevelObjectives(1, 10, 100, 200, 500, 1000, 5000, 10000, 50000)
            .register(registry);
    endToEnd =
        Timer.builder("batchline.end.to.end.latency")
            .description("event timestamp to ClickHouse acknowledgement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    Gauge.builder("batchline.buffer.events", bufferEvents, AtomicLong::get).register(registry);
    Gauge.builder("batchline.buffer.bytes", bufferBytes, AtomicLong::get).register(registry);
    Gauge.builder("batchline.paused", paused, AtomicLong::get).register(registry);
    Gauge.builder("batchline.consumer.lag", lag, AtomicLong::get).register(registry);
    Gauge.builder("batchline.flush.utilization", utilization, UtilizationWindow::value)
        .register(registry);
    for (FlushTrigger trigger : FlushTrigger.values()) {
      flushes(trigger);
    }
    for (RejectReason reason : RejectReason.values()) {
      deadLettered(reason);
    }
    flushFailures(true);
    flushFailures(false);
  }

  private Counter deadLettered(RejectReason reason) {
    return Counter.builder("batchline.events.dead.lettered")
        .tag("reason", reason.label())
        .register(registry);
  }

  private Counter flushFailures(boolean retriable) {
    return Counter.builder("batchline.flush.failures")
        .tag("retriable", Boolean.toString(retriable))
        .register(registry);
  }

  private Counter flushes(FlushTrigger trigger) {
    return Counter.builder("batchline.flushes").tag("trigger", trigger.label()).register(registry);
  }

  @Override
  public void received(int records) {
    received.increment(records);
  }

  @Override
  public void deadLettered(List<Rejection> rejections) {
    for (Rejection rejection : rejections) {
      deadLettered(rejection.reason()).increment();
    }
  }

  @Override
  public void flushed(FlushTrigger trigger, List<Event> events, Duration took) {
    flushes(trigger).increment();
    if (events.isEmpty()) {
      return;
    }
    written.increment(events.size());
    flushDuration.record(took);
    batchSize.record(events.size());
    utilization.record(took);
    long now = clock.millis();
    for (Event event : events) {
      endToEnd.record(Math.max(0, now - event.timestamp().toEpochMilli()), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void flushFailed(FlushTrigger trigger, int size, boolean retriable, Duration took) {
    flushFailures(retriable).increment();
    utilization.record(took);
  }

  @Override
  public void committed(int partitions) {
    commits.increment();
  }

  @Override
  public void buffer(int events, long bytes) {
    bufferEvents.set(events);
    bufferBytes.set(bytes);
  }

  public void paused(boolean isPaused) {
    paused.set(isPaused ? 1 : 0);
  }

  public void lag(long value) {
    lag.set(value);
  }
}
