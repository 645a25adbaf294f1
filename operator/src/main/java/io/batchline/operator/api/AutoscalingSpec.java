package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(
    value = "!has(self.minReplicas) || self.maxReplicas >= self.minReplicas",
    fieldPath = ".maxReplicas",
    message =
        "spec.autoscaling.maxReplicas must be greater than or equal to"
            + " spec.autoscaling.minReplicas")
public class AutoscalingSpec {

  @Default("1")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Fewest consumer pods.")
  private Integer minReplicas = 1;

  @Required
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription(
      "Most consumer pods. At most spec.kafka.partitions when that is set: a consumer beyond the"
          + " partition count is idle.")
  private Integer maxReplicas;

  @Default("lag")
  @JsonPropertyDescription(
      "lag (the default): the consumer group's Kafka lag, per consumer pod; flushUtilization:"
          + " the consumers' batchline_flush_utilization_ratio, the fraction of the last minute"
          + " each pod spent writing to ClickHouse; cpu: CPU utilization of the requests. lag and"
          + " flushUtilization need KEDA, or Prometheus with the Prometheus Adapter rules in"
          + " deploy/autoscaling.")
  private AutoscalingMetric metric = AutoscalingMetric.LAG;

  @Default("70")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "Target average of flushUtilization or cpu, in percent: with flushUtilization 70, pods"
          + " are added while the consumers spend more than 70% of their time writing. Not used"
          + " with metric lag.")
  private Integer target = 70;

  @Default("1000")
  @Min(1)
  @Max(1_000_000_000)
  @JsonPropertyDescription(
      "With metric lag: the lag, in events, that one consumer pod may have before another is"
          + " added.")
  private Integer lagThreshold = 1000;

  @Default("60")
  @Min(0)
  @Max(3600)
  @JsonPropertyDescription(
      "Scale up only to the lowest replica count recommended over this many seconds. Each scale"
          + " change rebalances the consumer group, which pauses every consumer for a moment.")
  private Integer scaleUpStabilizationSeconds = 60;

  @Default("300")
  @Min(0)
  @Max(3600)
  @JsonPropertyDescription(
      "Scale down only to the highest replica count recommended over this many seconds.")
  private Integer scaleDownStabilizationSeconds = 300;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public AutoscalingMetric getMetric() {
    return metric;
  }

  public void setMetric(AutoscalingMetric metric) {
    this.metric = metric;
  }

  public Integer getLagThreshold() {
    return lagThreshold;
  }

  public void setLagThreshold(Integer lagThreshold) {
    this.lagThreshold = lagThreshold;
  }

  public Integer getScaleUpStabilizationSeconds() {
    return scaleUpStabilizationSeconds;
  }

  public void setScaleUpStabilizationSeconds(Integer scaleUpStabilizationSeconds) {
    this.scaleUpStabilizationSeconds = scaleUpStabilizationSeconds;
  }

  public Integer getScaleDownStabilizationSeconds() {
    return scaleDownStabilizationSeconds;
  }

  public void setScaleDownStabilizationSeconds(Integer scaleDownStabilizationSeconds) {
    this.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
  }

  public Integer getTarget() {
    return target;
  }

  public void setTarget(Integer target) {
    this.target = target;
  }
}
