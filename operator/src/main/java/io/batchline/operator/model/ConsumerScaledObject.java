package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.KafkaSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KEDA ScaledObject that scales the EventPipeline through its scale subresource, used instead of
 * the HPA when KEDA is installed. flushUtilization is a Prometheus trigger on the consumers' gauge;
 * lag is KEDA's Kafka scaler on the consumer group, which also never scales past the partition
 * count (allowIdleConsumers stays false). KEDA's Kafka scaler would connect without credentials, so
 * for a Kafka that needs them lag is a Prometheus trigger on the consumers' own lag gauge instead
 * (minReplicas is at least 1, so there are always pods to report it). KEDA then owns an HPA of its
 * own, {@code keda-hpa-NAME}.
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
          prometheusTrigger(
              prometheusUrl, utilizationQuery(pipeline), decimal(policy.targetPercent(), 2));
      case LAG ->
          needsCredentials(pipeline.getSpec().getKafka())
              ? prometheusTrigger(
                  prometheusUrl,
                  podSum(ConsumerAutoscaler.LAG_METRIC, pipeline),
                  String.valueOf(policy.lagThreshold()))
              : Map.of(
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
    return podSum(ConsumerAutoscaler.FLUSH_UTILIZATION_METRIC, pipeline);
  }

  /** True when the pipeline's Kafka needs credentials or TLS, which KEDA's Kafka scaler lacks. */
  static boolean needsCredentials(KafkaSpec kafka) {
    var secretProperties = kafka.getSecretProperties();
    var protocol =
        Optional.ofNullable(kafka.getProperties())
            .map(p -> p.get("security.protocol"))
            .orElse("PLAINTEXT");
    return (secretProperties != null && !secretProperties.isEmpty())
        || !protocol.equalsIgnoreCase("PLAINTEXT");
  }

  private static Map<String, Object> prometheusTrigger(
      String prometheusUrl, String query, String threshold) {
    return Map.of(
        "type",
        "prometheus",
        "metadata",
        Map.of("serverAddress", prometheusUrl, "query", query, "threshold", threshold));
  }

  private static String podSum(String metric, EventPipeline pipeline) {
    return "sum("
        + metric
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
