package io.batchline.operator.model;

import io.batchline.operator.api.AutoscalingMetric;
import io.batchline.operator.api.AutoscalingSpec;
import io.batchline.operator.api.EventPipeline;
import java.util.Optional;

/**
 * A pipeline's spec.autoscaling with its defaults filled in, the one source for both the HPA and
 * the KEDA ScaledObject. maxReplicas never exceeds spec.kafka.partitions when that is known: the
 * schema refuses such a spec, and this also holds for files render reads without the API server.
 *
 * @param targetPercent the target of flushUtilization or cpu, in percent
 * @param lagThreshold the lag per consumer pod, in events, with metric lag
 * @param stabilization the scale-up and scale-down stabilization windows
 */
public record AutoscalingPolicy(
    int minReplicas,
    int maxReplicas,
    AutoscalingMetric metric,
    int targetPercent,
    int lagThreshold,
    Stabilization stabilization) {

  /** Seconds over which the autoscaler takes the lowest (up) or highest (down) recommendation. */
  public record Stabilization(int scaleUpSeconds, int scaleDownSeconds) {}

  /**
   * The policy for the pipeline's spec.autoscaling. JOSDK also asks for the autoscaler of a
   * pipeline whose autoscaling was removed, to know what to delete, so a missing section gives the
   * defaults rather than an error.
   */
  public static AutoscalingPolicy of(EventPipeline pipeline) {
    var spec =
        Optional.ofNullable(pipeline.getSpec().getAutoscaling()).orElseGet(AutoscalingSpec::new);
    var defaults = new AutoscalingSpec();
    int min = Optional.ofNullable(spec.getMinReplicas()).orElse(defaults.getMinReplicas());
    int max = Optional.ofNullable(spec.getMaxReplicas()).orElse(min);
    var partitions = Optional.ofNullable(pipeline.getSpec().getKafka().getPartitions());
    if (partitions.isPresent()) {
      max = Math.min(max, partitions.get());
    }
    return new AutoscalingPolicy(
        Math.min(min, max),
        max,
        Optional.ofNullable(spec.getMetric()).orElse(defaults.getMetric()),
        Optional.ofNullable(spec.getTarget()).orElse(defaults.getTarget()),
        Optional.ofNullable(spec.getLagThreshold()).orElse(defaults.getLagThreshold()),
        new Stabilization(
            Optional.ofNullable(spec.getScaleUpStabilizationSeconds())
                .orElse(defaults.getScaleUpStabilizationSeconds()),
            Optional.ofNullable(spec.getScaleDownStabilizationSeconds())
                .orElse(defaults.getScaleDownStabilizationSeconds())));
  }
}
