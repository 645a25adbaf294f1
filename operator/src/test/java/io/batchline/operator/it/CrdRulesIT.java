package io.batchline.operator.it;

import static io.batchline.operator.it.PipelineTrees.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD's rules that go beyond one field, on a real API server: a column mapping, the partition
 * cap through the scale subresource, and the bootstrap server forms Kafka accepts.
 */
class CrdRulesIT {

  private static KubernetesClient client;
  private static String namespace;
  private static PipelineTrees trees;

  @BeforeAll
  static void start() {
    var server = RealApiServer.get();
    client = server.client();
    namespace = server.namespace("crd-rules");
    trees = new PipelineTrees(client, namespace);
  }

  @Test
  void aColumnMappingIsAcceptedAndAnInvalidOneIsRefusedNamingTheColumn() {
    var tree = trees.base();
    at(tree, "spec.clickhouse.columns")
        .put("quantity", "properties.quantity")
        .put("raw", "_event")
        .put("trace", "_header.trace-id")
        .put("offset", "_offset");
    trees.create(tree);
    var badSource = trees.base();
    at(badSource, "spec.clickhouse.columns").put("quantity", "properties.quantity");
    at(badSource, "spec.clickhouse.columns").put("region", "$.region");
    var badName = trees.base();
    at(badName, "spec.clickhouse.columns").put("2nd", "properties.second");

    var refusedSource =
        catchThrowableOfType(KubernetesClientException.class, () -> trees.create(badSource));
    var refusedName =
        catchThrowableOfType(KubernetesClientException.class, () -> trees.create(badName));

    assertThat(refusedSource.getStatus().getMessage())
        .contains("spec.clickhouse.columns")
        .contains("region=$.region");
    assertThat(refusedName.getStatus().getMessage()).contains("spec.clickhouse.columns", "2nd");
  }

  @Test
  void theScaleSubresourceCannotPassThePartitions() {
    var tree = trees.base();
    at(tree, "spec.kafka").put("partitions", 2);
    var created = trees.create(tree);

    var refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                client
                    .resources(EventPipeline.class)
                    .inNamespace(namespace)
                    .withName(created.getMetadata().getName())
                    .scale(3));

    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).contains("spec.replicas");
  }

  @Test
  void commaSeparatedBootstrapServersWithSpacesAndIpv6AreAccepted() {
    var tree = trees.base();
    at(tree, "spec.kafka")
        .put("bootstrapServers", "kafka-0.kafka:9092, kafka-1.kafka:9092,[::1]:9093");

    assertThat(trees.create(tree).getSpec().getKafka().getBootstrapServers())
        .contains("[::1]:9093");
  }
}
