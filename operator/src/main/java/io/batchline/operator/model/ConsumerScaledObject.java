package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KEDA ScaledObject that scales the EventPipeline through its scale subresource, used instead of
 * the HPA when KEDA is installed. flushUtilization is a Prometheus trigger on the consumers' gauge;
 * lag is KEDA's Kafka scaler on the consumer group, which also never scales past the partition
 * count (allowIdleConsumers stays false). KEDA then owns an HPA of its own, {@code keda-hpa-NAME}.
 */
public final class ConsumerScaledObject {

  private ConsumerScaledObject() {}

  /**
   * @param prometheusUrl where KEDA's Prometheus trigger queries the consumers' metrics
   */
  public static ScaledObject build(EventPipeline pipeline, String prometheusUrl) {
    var policy = AutoscalingPolicy.of(pipeline);
    var spec = new LinkedHashMap<String, Object>();
    spec.put(
        "scaleTargetRef",
        Map.of(
            "apiVersion",
            EventPipeline.API_VERSION,
            "kind",
            EventPipeline.KIND,
            "name",
            pipeline.getMetadata().getName()));
    spec.put("minReplicaCount", policy.minReplicas());
    spec.put("maxReplicaCount", policy.maxReplicas());
    spec.put("triggers", List.of(trigger(pipeline, policy, prometheusUrl)));
    var scaledObject = new ScaledObject();
    scaledObject.setMetadata(
        PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)));
    scaledObject.setSpec(spec);
    return scaledObject;
  }

  static Map<String, Object> trigger(
      EventPipeline pipeline, AutoscalingPolicy policy, String prometheusUrl) {
    return switch (policy.metric()) {
      case FLUSH_UTILIZATION ->
          Map.of(
              "type",
              "prometheus",
              "metadata",
              Map.of(
                  "serverAddress",
                  prometheusUrl,
                  "query",
                  utilizationQuery(pipeline),
                  "threshold",
                  decimal(policy.targetPercent(), 2)));
      case LAG ->
          Map.of(
              "type",
              "kafka",
              "metadata",
              Map.of(
                  "bootstrapServers",
                  pipeline.getSpec().getKafka().getBootstrapServers(),
                  "consumerGroup",
                  ConsumerSettings.consumerGroup(pipeline),
                  "topic",
                  pipeline.getSpec().getKafka().getTopic(),
                  "lagThreshold",
                  String.valueOf(policy.lagThreshold())));
      case CPU ->
          Map.of(
              "type",
              "cpu",
              "metricType",
              "Utilization",
              "metadata",
              Map.of("value", String.valueOf(policy.targetPercent())));
    };
  }

  /**
   * The sum over the pipeline's pods: KEDA's AverageValue target divides it by the replica count,
   * so the threshold is the average utilization per pod. Pods are matched by the namespace and pod
   * labels, as the Prometheus Adapter rules do; a Deployment's pods are {@code NAME-HASH-SUFFIX}.
   */
  static String utilizationQuery(EventPipeline pipeline) {
    return "sum("
        + ConsumerAutoscaler.FLUSH_UTILIZATION_METRIC
        + "{namespace=\""
        + pipeline.getMetadata().getNamespace()
        + "\",pod=~\""
        + PipelineMetadata.deploymentName(pipeline)
        + "-[a-z0-9]+-[a-z0-9]+\"})";
  }

  /** value × 10^-scale in plain notation, without trailing zeros: (70, 2) is 0.7. */
  static String decimal(int value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
