package io.batchline.consumer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The seed's {@code event_processing} block. Environment variables map as usual ({@code
 * EVENT_PROCESSING_BATCH_SIZE}); the seed's {@code FLEXPRICE_EVENT_PROCESSING_*} names are accepted
 * too. Validated by {@link PipelineSettings#resolve}.
 */
@ConfigMapping(prefix = "event-processing")
public interface EventProcessingConfig {

  /** Kafka topic the events are read from. */
  @WithDefault("events")
  String topic();

  /** Kafka consumer group shared by all consumers of one pipeline. */
  @WithDefault("batchline-consumer")
  String consumerGroup();

  /** A tuning preset from the seed: balanced (default), high-throughput, low-latency. */
  Optional<String> preset();

  /** Events per insert; overrides the preset. 1 together with flush seconds 0 is rollback mode. */
  OptionalInt batchSize();

  /** Longest time an event waits in the buffer; overrides the preset. */
  OptionalInt batchFlushSeconds();

  /** Events per second for this consumer; 0 means unlimited. */
  @WithDefault("0")
  int rateLimit();

  /** Bound of the buffer in bytes of raw events; reaching it flushes. */
  @WithDefault("33554432")
  long batchMaxBytes();

  /** Larger events go to the dead-letter topic with reason too_large. */
  @WithDefault("1048576")
  int maxEventBytes();

  /** Topic for events that cannot be written; when unset they are logged and skipped. */
  Optional<String> dlqTopic();

  /**
   * An event whose time is further in the past than this, before the batch's ingestion time, is
   * dead-lettered with reason timestamp_out_of_range. Off by default.
   */
  Optional<Duration> timestampMaxAge();

  /**
   * An event whose time is further in the future than this, after the batch's ingestion time, is
   * dead-lettered with reason timestamp_out_of_range. Off by default.
   */
  Optional<Duration> timestampMaxFuture();

  /** How long a SIGTERM drain may keep retrying the last flush. */
  @WithDefault("25s")
  Duration drainTimeout();

  /** Batches of different partitions encoded and inserted at once. */
  @WithDefault("2")
  int insertConcurrency();

  /**
   * How long a write may keep failing before liveness turns DOWN, so the platform restarts the pod
   * or alerts. Readiness is DOWN from the first failure.
   */
  @WithDefault("10m")
  Duration stallTimeout();

  /** How long isolating the rows ClickHouse rejects may take for one batch. */
  @WithDefault("60s")
  Duration bisectTimeout();

  /** Most records held at once across all partitions; by default two batches per insert slot. */
  OptionalInt maxInflightRecords();

  /** Most bytes held at once across all partitions; by default twice batch-max-bytes. */
  OptionalLong maxInflightBytes();

  default DeliverySettings toDeliverySettings(PipelineSettings pipeline) {
    return DeliverySettings.resolve(
        pipeline,
        insertConcurrency(),
        stallTimeout(),
        bisectTimeout(),
        maxInflightRecords(),
        maxInflightBytes());
  }

  default PipelineSettings toSettings() {
    return PipelineSettings.resolve(
        topic(),
        consumerGroup(),
        preset(),
        batchSize(),
        batchFlushSeconds(),
        rateLimit(),
        batchMaxBytes(),
        maxEventBytes(),
        dlqTopic(),
        drainTimeout());
  }
}
