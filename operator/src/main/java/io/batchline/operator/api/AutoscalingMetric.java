package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the autoscaler scales the consumers on. */
public enum AutoscalingMetric {
  /** The consumers' batchline_flush_utilization_ratio: the fraction of time spent writing. */
  @JsonProperty("flushUtilization")
  FLUSH_UTILIZATION,
  /**
   * Kafka consumer lag: the consumers' batchline_consumer_lag_records, or KEDA's own Kafka scaler.
   */
  @JsonProperty("lag")
  LAG,
  /** CPU utilization of the requests: needs no metrics adapter. */
  @JsonProperty("cpu")
  CPU
}
