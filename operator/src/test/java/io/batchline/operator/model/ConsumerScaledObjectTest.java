package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.AutoscalingMetric;
import io.batchline.operator.api.AutoscalingSpec;
import io.batchline.operator.api.EventPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerScaledObjectTest {

  private static final String PROMETHEUS = "http://prometheus.monitoring:9090";
  private static final OperatorDefaults DEFAULTS =
      new OperatorDefaults("consumer:1", PROMETHEUS, new java.util.TreeMap<>());

  private static EventPipeline scaledOn(AutoscalingMetric metric) {
    var pipeline = TestPipelines.orders();
    var autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(10);
    autoscaling.setMetric(metric);
    autoscaling.setTarget(65);
    autoscaling.setLagThreshold(5000);
    pipeline.getSpec().setAutoscaling(autoscaling);
    return pipeline;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(EventPipeline pipeline) {
    return ConsumerScaledObject.build(pipeline, DEFAULTS).getSpec();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> trigger(EventPipeline pipeline) {
    return ((List<Map<String, Object>>) spec(pipeline).get("triggers")).get(0);
  }

  @Test
  void scalesThePipelineThroughItsScaleSubresource() {
    var pipeline = scaledOn(AutoscalingMetric.FLUSH_UTILIZATION);
    var scaledObject = ConsumerScaledObject.build(pipeline, DEFAULTS);

    assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
    assertThat(scaledObject.getKind()).isEqualTo("ScaledObject");
    assertThat(scaledObject.getMetadata().getName()).isEqualTo("orders");
    assertThat(scaledObject.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getController()).isTrue());
    assertThat(spec(pipeline))
        .containsEntry(
            "scaleTargetRef",
            Map.of(
                "apiVersion", "batchline.io/v1alpha1", "kind", "EventPipeline", "name", "orders"))
        .containsEntry("minReplicaCount", 2)
        .containsEntry("maxReplicaCount", 10);
  }

  @Test
  void flushUtilizationIsAPrometheusTriggerOnThePipelinesPods() {
    assertIsPrometheusTrigger(
        trigger(scaledOn(AutoscalingMetric.FLUSH_UTILIZATION)),
        "batchline_flush_utilization_ratio",
        "0.65");
  }

  private static void assertIsPrometheusTrigger(
      Map<String, Object> trigger, String metric, String threshold) {
    assertThat(trigger).containsEntry("type", "prometheus");
    assertThat(trigger.get("metadata"))
        .isEqualTo(
            Map.of(
                "serverAddress",
                PROMETHEUS,
                "query",
                "sum(" + metric + "{namespace=\"shop\",eventpipeline=\"orders\"})",
                "threshold",
                threshold,
                "ignoreNullValues",
                "false"));
  }

  @Test
  void lagIsKedasKafkaTriggerOnTheConsumerGroup() {
    var trigger = trigger(scaledOn(AutoscalingMetric.LAG));

    assertThat(trigger).containsEntry("type", "kafka");
    assertThat(trigger.get("metadata"))
        .isEqualTo(
            Map.of(
                "bootstrapServers",
                "kafka:9092",
                "consumerGroup",
                "batchline.shop.orders",
                "topic",
                "orders",
                "lagThreshold",
                "5000"));
  }

  @Test
  void lagOnAKafkaWithCredentialsIsAPrometheusTriggerOnTheConsumersLag() {
    var sasl = TestPipelines.withKafkaLogin(scaledOn(AutoscalingMetric.LAG));
    var tls = scaledOn(AutoscalingMetric.LAG);
    tls.getSpec().getKafka().setProperties(Map.of("security.protocol", "SSL"));

    for (var pipeline : new EventPipeline[] {sasl, tls}) {
      assertIsPrometheusTrigger(trigger(pipeline), "batchline_consumer_lag_records", "5000");
    }
  }

  @Test
  void cpuIsKedasCpuTrigger() {
    var trigger = trigger(scaledOn(AutoscalingMetric.CPU));

    assertThat(trigger)
        .containsEntry("type", "cpu")
        .containsEntry("metricType", "Utilization")
        .containsEntry("metadata", Map.of("value", "65"));
  }

  @Test
  void maxReplicaCountIsCappedByThePartitions() {
    var pipeline = scaledOn(AutoscalingMetric.LAG);
    pipeline.getSpec().getKafka().setPartitions(4);

    assertThat(spec(pipeline)).containsEntry("maxReplicaCount", 4);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kedasHpaTakesTheSameBehaviorAsTheOperatorsHpa() {
    var pipeline = scaledOn(AutoscalingMetric.LAG);
    pipeline.getSpec().getAutoscaling().setScaleDownStabilizationSeconds(600);

    var advanced = (Map<String, Object>) spec(pipeline).get("advanced");
    var behavior =
        ((Map<String, Map<String, Object>>) advanced.get("horizontalPodAutoscalerConfig"))
            .get("behavior");

    assertThat(behavior)
        .isEqualTo(
            io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(
                    ConsumerAutoscaler.build(pipeline).getSpec().getBehavior(), Map.class));
    assertThat((Map<String, Object>) behavior.get("scaleDown"))
        .containsEntry("stabilizationWindowSeconds", 600);
  }

  @Test
  void thePrometheusQuerySelectsOnTheLabelThePodMonitorSets() {
    var pipeline = scaledOn(AutoscalingMetric.FLUSH_UTILIZATION);
    var podMonitor = ConsumerPodMonitor.build(pipeline, DEFAULTS);

    assertThat(podMonitor.getSpec().toString())
        .contains("targetLabel=" + ConsumerPodMonitor.PIPELINE_LABEL);
    assertThat(ConsumerScaledObject.pipelineSum("m", pipeline))
        .contains(ConsumerPodMonitor.PIPELINE_LABEL + "=\"orders\"")
        .doesNotContain("pod=");
  }

  @Test
  void thresholdsArePlainDecimals() {
    assertThat(ConsumerScaledObject.decimal(70, 2)).isEqualTo("0.7");
    assertThat(ConsumerScaledObject.decimal(5, 2)).isEqualTo("0.05");
    assertThat(ConsumerScaledObject.decimal(100, 2)).isEqualTo("1");
  }
}
