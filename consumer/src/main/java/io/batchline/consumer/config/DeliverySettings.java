package io.batchline.consumer.config;

import io.batchline.consumer.batch.InFlightBudget;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How batches are written and how long failures may last, validated like {@link PipelineSettings}.
 *
 * @param insertConcurrency batches of different partitions encoded and inserted at once
 * @param stallTimeout how long a write may keep failing before liveness turns DOWN
 * @param bisectTimeout how long isolating rejected rows may take for one batch
 */
public record DeliverySettings(
    int insertConcurrency, Duration stallTimeout, Duration bisectTimeout, InFlightBudget budget) {

  static final int MAX_CONCURRENCY = 16;

  public static DeliverySettings resolve(
      PipelineSettings pipeline,
      int insertConcurrency,
      Duration stallTimeout,
      Duration bisectTimeout,
      OptionalInt maxInflightRecords,
      OptionalLong maxInflightBytes) {
    if (insertConcurrency < 1 || insertConcurrency > MAX_CONCURRENCY) {
      throw new InvalidSettingException(
          "event-processing.insert-concurrency must be between 1 and "
              + MAX_CONCURRENCY
              + ", got "
              + insertConcurrency);
    }
    requirePositive("event-processing.stall-timeout", stallTimeout);
    requirePositive("event-processing.bisect-timeout", bisectTimeout);
    InFlightBudget defaults =
        InFlightBudget.forBatches(
            pipeline.batchSize(), pipeline.batchMaxBytes(), insertConcurrency);
    int records = maxInflightRecords.orElse(defaults.maxRecords());
    long bytes = maxInflightBytes.orElse(defaults.maxBytes());
    if (records < pipeline.batchSize()) {
      throw new InvalidSettingException(
          "event-processing.max-inflight-records must be at least batch-size "
              + pipeline.batchSize()
              + ", got "
              + records);
    }
    if (bytes < pipeline.maxEventBytes()) {
      throw new InvalidSettingException(
          "event-processing.max-inflight-bytes must be at least max-event-bytes "
              + pipeline.maxEventBytes()
              + ", got "
              + bytes);
    }
    return new DeliverySettings(
        insertConcurrency, stallTimeout, bisectTimeout, new InFlightBudget(records, bytes));
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSettingException(name + " must be positive, got " + value);
    }
  }
}
