package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.model.ConfigHash;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reconciles that fail on the real API server, because an admission policy refuses the ConfigMap:
 * the Deployment is not rolled onto a configuration that was not applied, a short failure does not
 * make the pipeline Degraded, a long one does, and the operator keeps retrying until it succeeds.
 */
class ReconcileFailureIT {

  private static RealApiServer server;
  private static PipelineNamespace ns;
  private static BatchlineOperator operator;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("reconcile-failure"));
    operator = TestOperator.start(server.client(), TestOperator.env(ns.namespace, "failure-it"));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  private static double failedReconciles() {
    return PipelineNamespace.failedReconciles(operator);
  }

  private static String configHash(String name) {
    return ns.get(Deployment.class, name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(ConfigHash.ANNOTATION);
  }

  private static String batchSize(String name) {
    return ns.get(ConfigMap.class, name + "-config").getData().get("EVENT_PROCESSING_BATCH_SIZE");
  }

  private static void readyPipeline(String name) {
    ns.create(name, true);
    await().atMost(PipelineNamespace.TIMEOUT).until(() -> ns.get(Deployment.class, name) != null);
    ns.markDeploymentReady(name);
    ns.awaitCondition(name, "Ready", "True", "ConsumersReady");
    ns.awaitCondition(name, "Degraded", "False", "AsExpected");
  }

  @Test
  void aConfigMapThatCannotBeAppliedHoldsTheRolloutBack() {
    readyPipeline("ordered");
    var hash = configHash("ordered");
    var failed = failedReconciles();

    try (var refusal = ConfigMapRefusal.ofBatchSize(server.client(), ns.namespace, 777)) {
      ns.patchSpec("ordered", "{\"batch\":{\"size\":777}}");
      await().atMost(PipelineNamespace.TIMEOUT).until(() -> failedReconciles() >= failed + 2);

      assertThat(batchSize("ordered")).isEqualTo("200");
      assertThat(configHash("ordered"))
          .as("the pods are not rolled onto a configuration that is not there")
          .isEqualTo(hash);
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(batchSize("ordered")).isEqualTo("777");
              assertThat(configHash("ordered")).isNotEqualTo(hash);
            });
  }

  @Test
  void aShortFailureIsRetriedWithoutMakingThePipelineDegraded() throws Exception {
    readyPipeline("blip");
    var failed = failedReconciles();
    var degradedSeen = new AtomicBoolean();
    var watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(
        () -> {
          var degraded = ns.condition("blip", "Degraded");
          if (degraded != null && "True".equals(degraded.getStatus())) {
            degradedSeen.set(true);
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    try {
      try (var refusal = ConfigMapRefusal.ofBatchSize(server.client(), ns.namespace, 778)) {
        ns.patchSpec("blip", "{\"batch\":{\"size\":778}}");
        await().atMost(PipelineNamespace.TIMEOUT).until(() -> failedReconciles() > failed);
      }
      await()
          .atMost(PipelineNamespace.TIMEOUT)
          .untilAsserted(() -> assertThat(batchSize("blip")).isEqualTo("778"));
      assertThat(degradedSeen).as("Degraded was True at some point").isFalse();
    } finally {
      watcher.shutdownNow();
    }
  }

  /**
   * Refused for longer than JOSDK's default retry lasts (the first attempt and 5 retries). The
   * pipeline turns Degraded once the failure persists; after the refusal ends, the retry, still
   * going, applies the change with no new event to trigger it.
   */
  @Test
  void aLongFailureMakesItDegradedAndTheRetryNeverGivesUp() {
    readyPipeline("outage");
    var failed = failedReconciles();

    try (var refusal = ConfigMapRefusal.ofBatchSize(server.client(), ns.namespace, 779)) {
      ns.patchSpec("outage", "{\"batch\":{\"size\":779}}");
      ns.awaitCondition("outage", "Degraded", "True", "KubernetesClientException");
      assertThat(ns.condition("outage", "Degraded").getMessage()).contains("779");
      await().atMost(Duration.ofSeconds(60)).until(() -> failedReconciles() >= failed + 7);
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(batchSize("outage")).isEqualTo("779"));
    ns.awaitCondition("outage", "Degraded", "False", "AsExpected");
  }
}
