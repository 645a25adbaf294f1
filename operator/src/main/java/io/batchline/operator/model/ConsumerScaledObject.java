package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.KafkaSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KEDA ScaledObject that scales the EventPipeline through its scale subresource, used instead of
 * the HPA when KEDA is installed. lag (the default) is KEDA's Kafka scaler on the consumer group,
 * which also never scales past the partition count (allowIdleConsumers stays false). KEDA's Kafka
 * scaler would connect without credentials, so for a Kafka that needs them lag is a Prometheus
 * trigger on the consumers' own lag gauge instead (minReplicas is at least 1, so there are always
 * pods to report it). flushUtilization is a Prometheus trigger on the consumers' gauge. KEDA then
 * owns an HPA of its own, {@code keda-hpa-NAME}, with the same behavior as the operator's HPA.
 *
 * <p>Prometheus triggers select the pipeline's series by the {@link
 * ConsumerPodMonitor#PIPELINE_LABEL} label that the PodMonitor sets, never by pod name: a pod name
 * is cut short for long pipeline names. They set {@code ignoreNullValues: "false"}: an empty result
 * (nothing scrapes the consumers) is then an error that shows in the ScaledObject's status, where
 * KEDA would otherwise read it as 0 and hold the pipeline at minReplicas.
 */
public final class ConsumerScaledObject {

  private ConsumerScaledObject() {}

  public static ScaledObject build(EventPipeline pipeline, OperatorDefaults defaults) {
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
    spec.put("advanced", advanced(policy));
    spec.put("triggers", List.of(trigger(pipeline, policy, defaults.prometheusUrl())));
    var scaledObject = new ScaledObject();
    scaledObject.setMetadata(
        PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline)));
    scaledObject.setSpec(spec);
    return scaledObject;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> advanced(AutoscalingPolicy policy) {
    Map<String, Object> behavior =
        Serialization.jsonMapper()
            .convertValue(ConsumerAutoscaler.behavior(policy.stabilization()), Map.class);
    return Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", behavior));
  }

  static Map<String, Object> trigger(
      EventPipeline pipeline, AutoscalingPolicy policy, String prometheusUrl) {
    return switch (policy.metric()) {
      case FLUSH_UTILIZATION ->
          prometheusTrigger(
              prometheusUrl,
              pipelineSum(ConsumerAutoscaler.FLUSH_UTILIZATION_METRIC, pipeline),
              decimal(policy.targetPercent(), 2));
      case LAG ->
          needsCredentials(pipeline.getSpec().getKafka())
              ? prometheusTrigger(
                  prometheusUrl,
                  pipelineSum(ConsumerAutoscaler.LAG_METRIC, pipeline),
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
   * so the threshold is the average per pod.
   */
  static String pipelineSum(String metric, EventPipeline pipeline) {
    return "sum("
        + metric
        + "{namespace=\""
        + pipeline.getMetadata().getNamespace()
        + "\","
        + ConsumerPodMonitor.PIPELINE_LABEL
        + "=\""
        + pipeline.getMetadata().getName()
        + "\"})";
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
        Map.of(
            "serverAddress",
            prometheusUrl,
            "query",
            query,
            "threshold",
            threshold,
            "ignoreNullValues",
            "false"));
  }

  /** value × 10^-scale in plain notation, without trailing zeros: (70, 2) is 0.7. */
  static String decimal(int value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
