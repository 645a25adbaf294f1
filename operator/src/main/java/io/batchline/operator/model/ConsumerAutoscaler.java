package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;

/**
 * An autoscaling/v2 HPA that scales the EventPipeline itself through its scale subresource, so that
 * spec.replicas stays the one source of the consumer count; the operator then carries it to the
 * Deployment. Used when KEDA is not installed; see {@link ConsumerScaledObject} for KEDA.
 *
 * <p>Every change of the replica count rebalances the consumer group, which pauses all of its
 * consumers for a moment, so {@link #behavior} scales up by at most 4 pods or 100% a minute and
 * down by one pod a minute, each after its stabilization window.
 */
public final class ConsumerAutoscaler {

  /** The consumers' gauges, as the Prometheus Adapter rules in deploy/autoscaling serve them. */
  public static final String FLUSH_UTILIZATION_METRIC = "batchline_flush_utilization_ratio";

  public static final String LAG_METRIC = "batchline_consumer_lag_records";

  private ConsumerAutoscaler() {}

  public static boolean requested(EventPipeline pipeline) {
    return pipeline.getSpec().getAutoscaling() != null;
  }

  public static HorizontalPodAutoscaler build(EventPipeline pipeline) {
    var policy = AutoscalingPolicy.of(pipeline);
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion(EventPipeline.API_VERSION)
        .withKind(EventPipeline.KIND)
        .withName(pipeline.getMetadata().getName())
        .endScaleTargetRef()
        .withMinReplicas(policy.minReplicas())
        .withMaxReplicas(policy.maxReplicas())
        .withMetrics(metric(policy))
        .withBehavior(behavior(policy.stabilization()))
        .endSpec()
        .build();
  }

  /** Shared with the KEDA ScaledObject, whose HPA takes the same behavior. */
  static HorizontalPodAutoscalerBehavior behavior(AutoscalingPolicy.Stabilization stabilization) {
    return new HorizontalPodAutoscalerBehaviorBuilder()
        .withScaleUp(
            new HPAScalingRulesBuilder()
                .withStabilizationWindowSeconds(stabilization.scaleUpSeconds())
                .withSelectPolicy("Max")
                .addNewPolicy()
                .withType("Pods")
                .withValue(4)
                .withPeriodSeconds(60)
                .endPolicy()
                .addNewPolicy()
                .withType("Percent")
                .withValue(100)
                .withPeriodSeconds(60)
                .endPolicy()
                .build())
        .withScaleDown(
            new HPAScalingRulesBuilder()
                .withStabilizationWindowSeconds(stabilization.scaleDownSeconds())
                .withSelectPolicy("Max")
                .addNewPolicy()
                .withType("Pods")
                .withValue(1)
                .withPeriodSeconds(60)
                .endPolicy()
                .build())
        .build();
  }

  static MetricSpec metric(AutoscalingPolicy policy) {
    return switch (policy.metric()) {
      case CPU ->
          new MetricSpecBuilder()
              .withType("Resource")
              .withNewResource()
              .withName("cpu")
              .withNewTarget()
              .withType("Utilization")
              .withAverageUtilization(policy.targetPercent())
              .endTarget()
              .endResource()
              .build();
      case FLUSH_UTILIZATION ->
          podsMetric(FLUSH_UTILIZATION_METRIC, fraction(policy.targetPercent()));
      case LAG -> podsMetric(LAG_METRIC, count(policy.lagThreshold()));
    };
  }

  private static MetricSpec podsMetric(String name, Quantity averageValue) {
    return new MetricSpecBuilder()
        .withType("Pods")
        .withNewPods()
        .withNewMetric()
        .withName(name)
        .endMetric()
        .withNewTarget()
        .withType("AverageValue")
        .withAverageValue(averageValue)
        .endTarget()
        .endPods()
        .build();
  }

  /** A count as a quantity in the canonical form the API server stores: 12000 is 12k. */
  static Quantity count(int value) {
    var suffixes = new String[] {"", "k", "M", "G"};
    var exponent = 0;
    while (value != 0 && value % 1000 == 0 && exponent < suffixes.length - 1) {
      value /= 1000;
      exponent++;
    }
    return new Quantity(value + suffixes[exponent]);
  }

  /** A percentage as a quantity in the canonical form the API server stores: 70 is 700m. */
  static Quantity fraction(int percent) {
    return new Quantity(percent % 100 == 0 ? String.valueOf(percent / 100) : percent * 10 + "m");
  }
}
