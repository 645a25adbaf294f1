package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrading the operator, with a new BATCHLINE_CONSUMER_IMAGE, moves the consumers of every
 * pipeline that does not pin spec.consumer.image: nothing stored in the pipelines holds them back.
 */
class ConsumerImageIT {

  private static final String V1 = "localhost/batchline-consumer:1";
  private static final String V2 = "localhost/batchline-consumer:2";

  private static RealApiServer server;
  private static PipelineNamespace ns;
  private BatchlineOperator operator;

  @BeforeAll
  static void namespace() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("consumer-image"));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private BatchlineOperator operatorWith(String image) {
    return TestOperator.start(
        server.client(),
        TestOperator.env(ns.namespace, "image-it", "BATCHLINE_CONSUMER_IMAGE", image));
  }

  private static String runningImage(String name) {
    var deployment = ns.get(Deployment.class, name);
    return deployment == null
        ? null
        : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @SuppressWarnings("unchecked")
  private static Object stored(String name, String section, String field) {
    var pipeline =
        server
            .client()
            .genericKubernetesResources(EventPipeline.API_VERSION, EventPipeline.KIND)
            .inNamespace(ns.namespace)
            .withName(name)
            .get();
    var part =
        (Map<String, Object>) pipeline.getAdditionalProperties().getOrDefault(section, Map.of());
    return part.get(field);
  }

  private static GenericKubernetesResource generic(EventPipeline pipeline) {
    return server
        .client()
        .genericKubernetesResources(EventPipeline.API_VERSION, EventPipeline.KIND)
        .inNamespace(ns.namespace)
        .withName(pipeline.getMetadata().getName())
        .get();
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePipelineStoresNoImageOfItsOwn() {
    var created = ns.create("plain", true);

    var consumer =
        (Map<String, Object>)
            ((Map<String, Object>) generic(created).getAdditionalProperties().get("spec"))
                .getOrDefault("consumer", Map.of());
    assertThat(consumer).doesNotContainKey("image");
  }

  @Test
  void anUpgradedOperatorMovesTheConsumersThatPinNoImage() {
    ns.create("follows", true);
    var pinned = TestPipelines.unsaved("pinned", ns.namespace);
    pinned.getSpec().getConsumer().setImage("registry.example.com/consumer:pinned");
    pinned.getSpec().getClickhouse().getPassword().getSecretKeyRef().setName("follows-ch");
    pinned.getSpec().getClickhouse().getUsername().getSecretKeyRef().setName("follows-ch");
    server.client().resource(pinned).create();

    operator = operatorWith(V1);
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(runningImage("follows")).isEqualTo(V1);
              assertThat(stored("follows", "status", "consumerImage")).isEqualTo(V1);
            });
    operator.close();

    operator = operatorWith(V2);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(runningImage("follows")).isEqualTo(V2);
              assertThat(stored("follows", "status", "consumerImage")).isEqualTo(V2);
              assertThat(runningImage("pinned")).isEqualTo("registry.example.com/consumer:pinned");
              assertThat(stored("pinned", "status", "consumerImage"))
                  .isEqualTo("registry.example.com/consumer:pinned");
            });
  }
}
