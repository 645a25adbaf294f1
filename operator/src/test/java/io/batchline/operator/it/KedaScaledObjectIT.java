package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.model.ScaledObject;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With KEDA's ScaledObject CRD installed (a minimal one, typed as KEDA's), the operator writes a
 * ScaledObject instead of an HPA, under the RBAC of deploy/base. The CRD is removed afterwards, so
 * that the other ITs on the shared API server see a cluster without KEDA.
 */
class KedaScaledObjectIT {

  private static RealApiServer server;
  private static ServiceAccountOperator operator;
  private static PipelineNamespace ns;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("keda"));
    operator = ServiceAccountOperator.start(server, "keda-it");
    ns.create("views", true);
    ns.patchSpec("views", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":4}}");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> assertThat(ns.get(HorizontalPodAutoscaler.class, "views")).isNotNull());
    installKeda();
  }

  @AfterAll
  static void stop() {
    operator.close();
    server.client().resource(kedaCrd()).delete();
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> !server.client().supports(ScaledObject.class));
  }

  @AfterEach
  void noReconcileFailed() {
    assertThat(operator.failedReconciles()).as("failed reconciles (a 403 is one)").isZero();
  }

  private static CustomResourceDefinition kedaCrd() {
    try (var in =
        KedaScaledObjectIT.class.getResourceAsStream("/keda/scaledobjects.keda.sh.yaml")) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void installKeda() {
    var crd = server.client().resource(kedaCrd()).serverSideApply();
    server
        .client()
        .resource(crd)
        .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
  }

  private static ScaledObject scaledObject(String name) {
    return ns.get(ScaledObject.class, name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> trigger(ScaledObject scaledObject) {
    return ((List<Map<String, Object>>) scaledObject.getSpec().get("triggers")).get(0);
  }

  /** "views" got an HPA before KEDA was installed; its next reconcile swaps it. */
  @Test
  void installingKedaSwapsTheHpaForAScaledObject() {
    ns.patchSpec("views", "{\"autoscaling\":{\"target\":60}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var scaledObject = scaledObject("views");
              assertThat(scaledObject).isNotNull();
              assertThat(scaledObject.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(o -> assertThat(o.getController()).isTrue());
              assertThat(trigger(scaledObject))
                  .containsEntry("type", "prometheus")
                  .extracting(t -> ((Map<?, ?>) t.get("metadata")).get("threshold"))
                  .isEqualTo("0.6");
              assertThat(ns.get(HorizontalPodAutoscaler.class, "views")).isNull();
            });
  }

  @Test
  void lagIsKedasKafkaTriggerAndRemovingAutoscalingRemovesIt() {
    ns.create("carts", true);
    ns.patchSpec(
        "carts",
        "{\"kafka\":{\"partitions\":6},"
            + "\"autoscaling\":{\"maxReplicas\":6,\"metric\":\"lag\",\"lagThreshold\":500}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var scaledObject = scaledObject("carts");
              assertThat(scaledObject).isNotNull();
              assertThat(trigger(scaledObject))
                  .containsEntry("type", "kafka")
                  .containsEntry(
                      "metadata",
                      Map.of(
                          "bootstrapServers", "kafka:9092",
                          "consumerGroup", "batchline.keda.carts",
                          "topic", "orders",
                          "lagThreshold", "500"));
            });
    assertThat(ns.get(HorizontalPodAutoscaler.class, "carts")).isNull();

    ns.patchSpec("carts", "{\"autoscaling\":null}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(() -> assertThat(scaledObject("carts")).isNull());
  }
}
