package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchline.operator.RepoFiles;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Adapter rules in deploy/autoscaling serve exactly the Pods metrics the HPA asks
 * for, per pod, so that an HPA made for spec.autoscaling finds its metric.
 */
class PrometheusAdapterRulesTest {

  private static List<JsonNode> rules() throws IOException {
    var text =
        Files.readString(RepoFiles.path("deploy/autoscaling/prometheus-adapter-values.yaml"));
    var values = Serialization.yamlMapper().readTree(text);
    return StreamSupport.stream(values.path("rules").path("custom").spliterator(), false).toList();
  }

  @Test
  void everyPodsMetricTheHpaUsesIsServed() throws IOException {
    assertThat(rules())
        .extracting(r -> r.path("name").path("as").asText())
        .containsExactlyInAnyOrder(
            ConsumerAutoscaler.FLUSH_UTILIZATION_METRIC, ConsumerAutoscaler.LAG_METRIC);
  }

  @Test
  void eachRuleMapsSeriesToPodsOfTheirNamespace() throws IOException {
    assertThat(rules())
        .allSatisfy(
            rule -> {
              var metric = rule.path("name").path("as").asText();
              assertThat(rule.path("seriesQuery").asText()).startsWith(metric + "{");
              assertThat(
                      rule.path("resources")
                          .path("overrides")
                          .path("namespace")
                          .path("resource")
                          .asText())
                  .isEqualTo("namespace");
              assertThat(
                      rule.path("resources")
                          .path("overrides")
                          .path("pod")
                          .path("resource")
                          .asText())
                  .isEqualTo("pod");
              assertThat(rule.path("metricsQuery").asText()).contains("<<.GroupBy>>");
            });
  }
}
