package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum AutoscalingMetric {
  @JsonProperty("flushUtilization")
  FLUSH_UTILIZATION,
  @JsonProperty("cpu")
  CPU
}
