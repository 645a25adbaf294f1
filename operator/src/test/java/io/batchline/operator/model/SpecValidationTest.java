package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.AutoscalingSpec;
import io.batchline.operator.api.ContainerResources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidationTest {

  @Test
  void aCompletePipelineHasNoProblem() {
    assertThat(SpecValidation.problems(TestPipelines.orders())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9orders",
        "orders.v2",
        "Orders",
        "a-name-that-is-far-too-long-for-the-metrics-service-name-to-fit"
      })
  void theNameMustFitTheMetricsServiceName(String name) {
    var pipeline = TestPipelines.orders();
    pipeline.getMetadata().setName(name);

    assertThat(SpecValidation.problems(pipeline))
        .singleElement()
        .asString()
        .contains("metadata.name");
  }

  @Test
  void missingSectionsAndFieldsAreNamed() {
    var noKafka = TestPipelines.orders();
    noKafka.getSpec().setKafka(null);
    var noTopic = TestPipelines.orders();
    noTopic.getSpec().getKafka().setTopic(" ");
    var noUrl = TestPipelines.orders();
    noUrl.getSpec().getClickhouse().setUrl(null);
    var noMax = TestPipelines.orders();
    noMax.getSpec().setAutoscaling(new AutoscalingSpec());

    assertThat(SpecValidation.problems(noKafka)).containsExactly("spec.kafka is required");
    assertThat(SpecValidation.problems(noTopic)).containsExactly("spec.kafka.topic is required");
    assertThat(SpecValidation.problems(noUrl)).containsExactly("spec.clickhouse.url is required");
    assertThat(SpecValidation.problems(noMax))
        .containsExactly("spec.autoscaling.maxReplicas is required");
  }

  @Test
  void resourceProblemsAreIncluded() {
    var pipeline = TestPipelines.orders();
    pipeline
        .getSpec()
        .getConsumer()
        .setResources(
            new ContainerResources(
                Map.of("memory", new Quantity("4Gi")), Map.of("memory", new Quantity("1Gi"))));

    assertThat(SpecValidation.problems(pipeline))
        .singleElement()
        .asString()
        .contains("spec.consumer.resources.requests.memory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka", "a:9092; b:9092", "a:9092,,b:9092", "kafka:port"})
  void renderRefusesBootstrapServersTheKafkaClientWouldRefuse(String servers) {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getKafka().setBootstrapServers(servers);

    assertThat(SpecValidation.problems(pipeline))
        .singleElement()
        .asString()
        .contains("spec.kafka.bootstrapServers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka:9092", "k-0.k:9092, k-1.k:9092", "[::1]:9093"})
  void bootstrapServersAreHostPortPairs(String servers) {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getKafka().setBootstrapServers(servers);

    assertThat(SpecValidation.problems(pipeline)).isEmpty();
  }

  @Test
  void renderRefusesAColumnMappingTheSchemaWouldRefuseNamingIt() {
    var pipeline = TestPipelines.orders();
    pipeline
        .getSpec()
        .getClickhouse()
        .setColumns(
            Map.of(
                "quantity", "properties.quantity",
                "trace-id", "_header.trace-id",
                "region", "$.region",
                "raw", "_event",
                "offset", "_offset",
                "header", "_header.x-b3.span_id"));

    assertThat(SpecValidation.problems(pipeline))
        .containsExactly(
            "spec.clickhouse.columns: invalid source region=$.region",
            "spec.clickhouse.columns: invalid column name trace-id");
  }
}
