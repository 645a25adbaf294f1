package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {

  @Test
  void exposesTheMetricsPortWithScrapeAnnotations() {
    var pipeline = TestPipelines.orders();

    var service = MetricsService.build(pipeline);

    assertThat(service.getMetadata().getName()).isEqualTo("orders-metrics");
    assertThat(service.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(service.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8080")
        .containsEntry("prometheus.io/path", "/q/metrics");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(PipelineMetadata.selectorLabels(pipeline));
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("metrics");
              assertThat(port.getPort()).isEqualTo(8080);
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
  }
}
