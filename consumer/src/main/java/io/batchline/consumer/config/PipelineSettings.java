package io.batchline.consumer.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The validated consumer settings. Built by {@link #resolve}, which refuses any invalid value with
 * one line that names the setting.
 *
 * @param rateLimit events per second for this consumer; 0 means unlimited
 */
public record PipelineSettings(
    String topic,
    String consumerGroup,
    int batchSize,
    int batchFlushSeconds,
    int rateLimit,
    long batchMaxBytes,
    int maxEventBytes,
    Optional<String> dlqTopic,
    Duration drainTimeout) {

  /** The seed's tuning table: size and flush seconds. */
  static final Map<String, int[]> PRESETS =
      Map.of(
          "balanced", new int[] {200, 5},
          "high-throughput", new int[] {500, 10},
          "low-latency", new int[] {100, 2});

  static final int MAX_BATCH_SIZE = 1_000_000;
  static final int MAX_FLUSH_SECONDS = 3600;

  public static PipelineSettings resolve(
      String topic,
      String consumerGroup,
      Optional<String> preset,
      OptionalInt batchSize,
      OptionalInt batchFlushSeconds,
      int rateLimit,
      long batchMaxBytes,
      int maxEventBytes,
      Optional<String> dlqTopic,
      Duration drainTimeout) {
    requireText("event-processing.topic", topic);
    requireText("event-processing.consumer-group", consumerGroup);
    int[] base = PRESETS.get(preset.orElse("balanced"));
    if (base == null) {
      throw new InvalidSettingException(
          "event-processing.preset must be one of balanced, high-throughput, low-latency, got '"
              + preset.get()
              + "'");
    }
    int size = batchSize.orElse(base[0]);
    int flush = batchFlushSeconds.orElse(base[1]);
    requireRange("event-processing.batch-size", size, 1, MAX_BATCH_SIZE);
    requireRange("event-processing.batch-flush-seconds", flush, 0, MAX_FLUSH_SECONDS);
    requireRange("event-processing.rate-limit", rateLimit, 0, Integer.MAX_VALUE);
    requireRange("event-processing.batch-max-bytes", batchMaxBytes, 1024, 1L << 30);
    requireRange("event-processing.max-event-bytes", maxEventBytes, 1, batchMaxBytes);
    if (dlqTopic.isPresent() && dlqTopic.get().equals(topic)) {
      throw new InvalidSettingException(
          "event-processing.dlq-topic must differ from event-processing.topic '" + topic + "'");
    }
    if (drainTimeout.isNegative() || drainTimeout.isZero()) {
      throw new InvalidSettingException(
          "event-processing.drain-timeout must be positive, got " + drainTimeout);
    }
    return new PipelineSettings(
        topic,
        consumerGroup,
        size,
        flush,
        rateLimit,
        batchMaxBytes,
        maxEventBytes,
        dlqTopic.filter(t -> !t.isBlank()),
        drainTimeout);
  }

  public Duration flushInterval() {
    return Duration.ofSeconds(batchFlushSeconds);
  }

  /** The seed's rollback plan: one insert per event. */
  public boolean rollbackMode() {
    return batchSize == 1 && batchFlushSeconds == 0;
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(name + " must not be empty");
    }
  }

  private static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
