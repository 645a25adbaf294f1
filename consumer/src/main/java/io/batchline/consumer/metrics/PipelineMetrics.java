package io.batchline.consumer.metrics;

import io.batchline.consumer.batch.BatchObserver;
import io.batchline.consumer.batch.FlushTrigger;
import io.batchline.consumer.batch.PipelineStage;
import io.batchline.consumer.batch.RejectReason;
import io.batchline.consumer.batch.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's Prometheus metrics, all prefixed {@code batchline_}, named after Prometheus
 * conventions (a unit suffix, {@code _ratio} for fractions). Names are a contract: the dashboards,
 * alerts and autoscalers refer to them. Counters are looked up once, not per event.
 */
public final class PipelineMetrics implements BatchObserver {

  private final Clock clock;
  private final Counter received;
  private final Counter written;
  private final Counter commits;
  private final Counter deduplicated;
  private final Timer flushDuration;
  private final DistributionSummary batchSize;
  private final Timer endToEnd;
  private final Map<FlushTrigger, Counter> flushes = new EnumMap<>(FlushTrigger.class);
  private final Map<RejectReason, Counter> deadLettered = new EnumMap<>(RejectReason.class);
  private final Counter retriableFailures;
  private final Counter rowFailures;
  private final AtomicLong bufferRecords = new AtomicLong();
  private final AtomicLong bufferBytes = new AtomicLong();
  private final AtomicLong paused = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  private final AtomicLong retryMillis = new AtomicLong();
  private final UtilizationWindow utilization;
  private final Map<PipelineStage, AtomicLong> stageNanos = new EnumMap<>(PipelineStage.class);

  /** How far past the flush interval a batch may land and still count as on time. */
  public static final Duration ON_TIME_MARGIN = Duration.ofMillis(250);

  /**
   * @param flushInterval the pipeline's flush interval: the end-to-end latency histogram gets
   *     bucket boundaries at it and at {@link #ON_TIME_MARGIN} past it, so the share of batches
   *     that landed within them is exact rather than interpolated inside a wider default bucket
   */
  public PipelineMetrics(
      MeterRegistry registry, Clock clock, int insertSlots, Duration flushInterval) {
    this.clock = clock;
    this.utilization = new UtilizationWindow(System::nanoTime, insertSlots);
    received = Counter.builder("batchline.events.received").register(registry);
    written = Counter.builder("batchline.events.written").register(registry);
    commits = Counter.builder("batchline.offset.commits").register(registry);
    deduplicated =
        Counter.builder("batchline.inserts.deduplicated")
            .description("rows the server acknowledged without writing: replays it had seen")
            .register(registry);
    flushDuration =
        Timer.builder("batchline.flush.duration").publishPercentileHistogram().register(registry);
    batchSize =
        DistributionSummary.builder("batchline.batch.size.records")
            .baseUnit("records")
            .serviceLevelObjectives(1, 10, 100, 200, 500, 1000, 5000, 10000, 50000)
            .register(registry);
    endToEnd =
        Timer.builder("batchline.end.to.end.latency")
            .description("oldest event timestamp of a batch to its ClickHouse acknowledgement")
            .publishPercentileHistogram()
            .serviceLevelObjectives(onTimeBounds(flushInterval))
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    Gauge.builder("batchline.buffer.records", bufferRecords, AtomicLong::get)
        .baseUnit("records")
        .register(registry);
    Gauge.builder("batchline.buffer.bytes", bufferBytes, AtomicLong::get)
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("batchline.paused", paused, AtomicLong::get)
        .description("1 while any assigned partition is paused")
        .register(registry);
    Gauge.builder("batchline.consumer.lag.records", lag, AtomicLong::get)
        .baseUnit("records")
        .register(registry);
    Gauge.builder("batchline.write.retry.seconds", retryMillis, m -> m.get() / 1000.0)
        .description("how long the oldest failing write or commit has been retried")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("batchline.flush.utilization.ratio", utilization, UtilizationWindow::value)
        .description("fraction of the insert slots' time spent writing, over the last minute")
        .baseUnit("ratio")
        .register(registry);
    for (FlushTrigger trigger : FlushTrigger.values()) {
      flushes.put(
          trigger,
          Counter.builder("batchline.flushes").tag("trigger", trigger.label()).register(registry));
    }
    for (RejectReason reason : RejectReason.values()) {
      deadLettered.put(
          reason,
          Counter.builder("batchline.events.dead.lettered")
              .tag("reason", reason.label())
              .register(registry));
    }
    for (PipelineStage stage : PipelineStage.values()) {
      AtomicLong nanos = new AtomicLong();
      stageNanos.put(stage, nanos);
      FunctionCounter.builder("batchline.stage.busy", nanos, n -> n.get() / 1e9)
          .description("time each stage spent working; writer stages summed over their threads")
          .baseUnit("seconds")
          .tag("stage", stage.label())
          .register(registry);
    }
    retriableFailures = failures(registry, true);
    rowFailures = failures(registry, false);
  }

  private static Counter failures(MeterRegistry registry, boolean retriable) {
    return Counter.builder("batchline.flush.failures")
        .tag("retriable", Boolean.toString(retriable))
        .register(registry);
  }

  @Override
  public void received(int records) {
    received.increment(records);
  }

  @Override
  public void deadLettered(List<Rejection> rejections) {
    for (Rejection rejection : rejections) {
      deadLettered.get(rejection.reason()).increment();
    }
  }

  @Override
  public void flushed(FlushTrigger trigger, int rows, Duration took, OptionalLong oldestEventTime) {
    flushes.get(trigger).increment();
    utilization.record(took);
    if (rows == 0) {
      return;
    }
    written.increment(rows);
    flushDuration.record(took);
    batchSize.record(rows);
    oldestEventTime.ifPresent(
        time -> endToEnd.record(Math.max(0, clock.millis() - time), TimeUnit.MILLISECONDS));
  }

  @Override
  public void deduplicated(int rows) {
    deduplicated.increment(rows);
  }

  @Override
  public void flushFailed(FlushTrigger trigger, int size, boolean retriable, Duration took) {
    (retriable ? retriableFailures : rowFailures).increment();
    utilization.record(took);
  }

  @Override
  public void committed(int partitions) {
    commits.increment();
  }

  @Override
  public void buffer(int records, long bytes) {
    bufferRecords.set(records);
    bufferBytes.set(bytes);
  }

  @Override
  public void stageBusy(PipelineStage stage, long nanos) {
    stageNanos.get(stage).addAndGet(nanos);
  }

  public void paused(int partitions) {
    paused.set(partitions > 0 ? 1 : 0);
  }

  public void lag(long value) {
    lag.set(value);
  }

  public void retrying(Duration longest) {
    retryMillis.set(longest.toMillis());
  }

  private static Duration[] onTimeBounds(Duration flushInterval) {
    Duration onTime = flushInterval.plus(ON_TIME_MARGIN);
    return flushInterval.isZero() || flushInterval.isNegative()
        ? new Duration[] {onTime}
        : new Duration[] {flushInterval, onTime};
  }
}
