package io.batchline.operator.model;

import io.batchline.operator.api.AutoscalingMetric;
import io.batchline.operator.api.AutoscalingSpec;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.Optional;

/**
 * An autoscaling/v2 HPA that scales the EventPipeline itself through its scale subresource, so that
 * spec.replicas stays the one source of the consumer count; the operator then carries it to the
 * Deployment.
 */
public final class ConsumerAutoscaler {

  public static final String FLUSH_UTILIZATION_METRIC = "batchline_flush_utilization";

  private ConsumerAutoscaler() {}

  public static boolean requested(EventPipeline pipeline) {
    return pipeline.getSpec().getAutoscaling() != null;
  }

  /**
   * The HPA for the pipeline's spec.autoscaling. JOSDK also asks for it while deleting the HPA of a
   * pipeline whose autoscaling was removed, to know its name, so a missing section is not an error.
   */
  public static HorizontalPodAutoscaler build(EventPipeline pipeline) {
    var autoscaling =
        Optional.ofNullable(pipeline.getSpec().getAutoscaling()).orElseGet(AutoscalingSpec::new);
    var defaults = new AutoscalingSpec();
    var minReplicas =
        Optional.ofNullable(autoscaling.getMinReplicas()).orElse(defaults.getMinReplicas());
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion(EventPipeline.API_VERSION)
        .withKind(EventPipeline.KIND)
        .withName(pipeline.getMetadata().getName())
        .endScaleTargetRef()
        .withMinReplicas(minReplicas)
        .withMaxReplicas(Optional.ofNullable(autoscaling.getMaxReplicas()).orElse(minReplicas))
        .withMetrics(
            metric(
                Optional.ofNullable(autoscaling.getMetric()).orElse(defaults.getMetric()),
                Optional.ofNullable(autoscaling.getTarget()).orElse(defaults.getTarget())))
        .endSpec()
        .build();
  }

  static MetricSpec metric(AutoscalingMetric metric, int targetPercent) {
    return switch (metric) {
      case CPU ->
          new MetricSpecBuilder()
              .withType("Resource")
              .withNewResource()
              .withName("cpu")
              .withNewTarget()
              .withType("Utilization")
              .withAverageUtilization(targetPercent)
              .endTarget()
              .endResource()
              .build();
      case FLUSH_UTILIZATION ->
          new MetricSpecBuilder()
              .withType("Pods")
              .withNewPods()
              .withNewMetric()
              .withName(FLUSH_UTILIZATION_METRIC)
              .endMetric()
              .withNewTarget()
              .withType("AverageValue")
              .withAverageValue(fraction(targetPercent))
              .endTarget()
              .endPods()
              .build();
    };
  }

  /** A percentage as a quantity in the canonical form the API server stores: 70 is 700m. */
  static Quantity fraction(int percent) {
    return new Quantity(percent % 100 == 0 ? String.valueOf(percent / 100) : percent * 10 + "m");
  }
}
