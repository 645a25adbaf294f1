package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConsumerPodMonitorTest {

  private static final OperatorDefaults DEFAULTS =
      new OperatorDefaults(
          "consumer:1",
          OperatorDefaults.DEFAULT_PROMETHEUS_URL,
          new TreeMap<>(Map.of("release", "kube-prometheus-stack")));

  @Test
  @SuppressWarnings("unchecked")
  void scrapesThePipelinesPodsAndLabelsTheirSeriesWithThePipeline() {
    var podMonitor = ConsumerPodMonitor.build(TestPipelines.orders(), DEFAULTS);

    assertThat(podMonitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(podMonitor.getKind()).isEqualTo("PodMonitor");
    assertThat(podMonitor.getMetadata().getName()).isEqualTo("orders");
    assertThat(podMonitor.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(podMonitor.getSpec().get("selector"))
        .isEqualTo(Map.of("matchLabels", PipelineMetadata.selectorLabels(TestPipelines.orders())));
    var endpoint =
        ((List<Map<String, Object>>) podMonitor.getSpec().get("podMetricsEndpoints")).get(0);
    assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
    assertThat((List<Map<String, Object>>) endpoint.get("relabelings"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r)
                  .containsEntry(
                      "sourceLabels",
                      List.of("__meta_kubernetes_pod_label_app_kubernetes_io_instance"));
              assertThat(r).containsEntry("targetLabel", ConsumerPodMonitor.PIPELINE_LABEL);
            });
  }

  @Test
  void carriesTheLabelsAPrometheusSelectsOnWithoutLosingItsOwn() {
    var labels =
        ConsumerPodMonitor.build(TestPipelines.orders(), DEFAULTS).getMetadata().getLabels();

    assertThat(labels)
        .containsEntry("release", "kube-prometheus-stack")
        .containsEntry(PipelineMetadata.MANAGED_BY_LABEL, PipelineMetadata.MANAGED_BY);
  }

  @Test
  void theInstanceLabelItCopiesIsTheOneEveryConsumerPodHas() {
    var podLabels =
        ConsumerDeployment.build(TestPipelines.orders(), DEFAULTS)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels();

    assertThat(ConsumerPodMonitor.INSTANCE_SOURCE_LABEL)
        .isEqualTo(
            "__meta_kubernetes_pod_label_"
                + PipelineMetadata.INSTANCE_LABEL.replaceAll("[^a-zA-Z0-9_]", "_"));
    assertThat(podLabels).containsEntry(PipelineMetadata.INSTANCE_LABEL, "orders");
  }
}
