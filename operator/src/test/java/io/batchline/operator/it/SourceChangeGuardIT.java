package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With deploy/base installed, a change of spec.kafka.topic or of the consumer group, which would
 * move the consumers to offsets their group never committed, is refused unless the pipeline carries
 * batchline.io/allow-source-change: "true".
 */
class SourceChangeGuardIT {

  private static RealApiServer server;
  private static String namespace;

  @BeforeAll
  static void install() {
    server = RealApiServer.get();
    namespace = server.namespace("source-change");
    ServiceAccountOperator.installBase(server);
    server.client().resource(TestPipelines.unsaved("canary", namespace)).create();
    // A new admission policy takes a moment to be enforced.
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> refused("canary", "{\"spec\":{\"kafka\":{\"topic\":\"elsewhere\"}}}") != null);
  }

  private static KubernetesClientException refused(String name, String mergePatch) {
    return catchThrowableOfType(
        KubernetesClientException.class,
        () ->
            server
                .client()
                .resources(EventPipeline.class)
                .inNamespace(namespace)
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch));
  }

  private static void create(String name) {
    server.client().resource(TestPipelines.unsaved(name, namespace)).create();
  }

  @Test
  void aNewTopicIsRefusedNamingTheField() {
    create("topic");

    var refused = refused("topic", "{\"spec\":{\"kafka\":{\"topic\":\"orders-v2\"}}}");

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getStatus().getMessage())
        .contains("spec.kafka.topic", "orders-v2", "batchline.io/allow-source-change");
  }

  @Test
  void aNewConsumerGroupIsRefusedEvenFromTheDefaultOne() {
    create("group");

    var refused = refused("group", "{\"spec\":{\"kafka\":{\"consumerGroup\":\"other\"}}}");

    assertThat(refused).isNotNull();
    assertThat(refused.getStatus().getMessage())
        .contains("spec.kafka.consumerGroup", "batchline." + namespace + ".group", "other");
  }

  @Test
  void withTheAnnotationTheChangeGoesThrough() {
    create("moved");

    var refused =
        refused(
            "moved",
            "{\"metadata\":{\"annotations\":{\"batchline.io/allow-source-change\":\"true\"}},"
                + "\"spec\":{\"kafka\":{\"topic\":\"orders-v2\",\"consumerGroup\":\"v2\"}}}");

    assertThat(refused).isNull();
    assertThat(
            server
                .client()
                .resources(EventPipeline.class)
                .inNamespace(namespace)
                .withName("moved")
                .get()
                .getSpec()
                .getKafka()
                .getTopic())
        .isEqualTo("orders-v2");
  }

  @Test
  void otherChangesAndScalingAreNotAffected() {
    create("resized");

    assertThat(refused("resized", "{\"spec\":{\"batch\":{\"size\":400}}}")).isNull();
    server
        .client()
        .resources(EventPipeline.class)
        .inNamespace(namespace)
        .withName("resized")
        .scale(2);
    assertThat(
            server
                .client()
                .resources(EventPipeline.class)
                .inNamespace(namespace)
                .withName("resized")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
  }
}
