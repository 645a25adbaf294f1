package io.batchline.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.FlushTrigger;
import io.batchline.consumer.batch.PipelineStage;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The exported names are a contract with the dashboards, alerts and autoscalers. */
class PipelineMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PipelineMetrics metrics =
      new PipelineMetrics(registry, Clock.systemUTC(), 2, Duration.ofSeconds(1));

  private Set<String> names() {
    Set<String> names = new TreeSet<>();
    registry
        .scrape()
        .lines()
        .filter(line -> line.startsWith("batchline_"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  @Test
  void endToEndLatencyHasBucketBoundariesAtTheFlushIntervalAndTheOnTimeMargin() {
    metrics.flushed(FlushTrigger.SIZE, 10, Duration.ofMillis(5), OptionalLong.of(0));

    assertThat(
            registry
                .scrape()
                .lines()
                .filter(line -> line.startsWith("batchline_end_to_end_latency_seconds_bucket")))
        .anyMatch(line -> line.contains("le=\"1.0\""))
        .anyMatch(line -> line.contains("le=\"1.25\""));
  }

  @Test
  void namesFollowPrometheusConventions() {
    metrics.flushed(FlushTrigger.SIZE, 10, Duration.ofMillis(5), OptionalLong.of(0));

    assertThat(names())
        .contains(
            "batchline_events_received_total",
            "batchline_events_written_total",
            "batchline_events_dead_lettered_total",
            "batchline_flushes_total",
            "batchline_flush_failures_total",
            "batchline_offset_commits_total",
            "batchline_inserts_deduplicated_total",
            "batchline_flush_duration_seconds_bucket",
            "batchline_end_to_end_latency_seconds_bucket",
            "batchline_batch_size_records_bucket",
            "batchline_buffer_records",
            "batchline_buffer_bytes",
            "batchline_flush_utilization_ratio",
            "batchline_consumer_lag_records",
            "batchline_write_retry_seconds",
            "batchline_paused",
            "batchline_stage_busy_seconds_total");
  }

  @Test
  void stagesAddUpTheirBusyTime() {
    metrics.stageBusy(PipelineStage.INSERT, 1_500_000_000L);
    metrics.stageBusy(PipelineStage.INSERT, 500_000_000L);

    assertThat(registry.scrape())
        .contains("batchline_stage_busy_seconds_total{stage=\"insert\",} 2.0");
  }

  @Test
  void retryingShowsInSeconds() {
    metrics.retrying(Duration.ofMillis(2500));

    assertThat(registry.scrape()).contains("batchline_write_retry_seconds 2.5");
  }
}
