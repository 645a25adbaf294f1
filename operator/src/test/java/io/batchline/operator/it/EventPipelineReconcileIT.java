package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.ContainerResources;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConfigHash;
import io.batchline.operator.model.ConsumerDeployment;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator against a real API server: dependents, status, scale, Secrets and SSA. */
class EventPipelineReconcileIT {

  private static final Duration TIMEOUT = PipelineNamespace.TIMEOUT;

  private static KubernetesClient client;
  private static String namespace;
  private static PipelineNamespace ns;
  private static BatchlineOperator operator;

  @BeforeAll
  static void startOperator() {
    var server = RealApiServer.get();
    client = server.client();
    namespace = server.namespace("reconcile");
    ns = new PipelineNamespace(client, namespace);
    operator = TestOperator.start(client, TestOperator.env(namespace, "reconcile-it"));
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  private static String configHash(String name) {
    return ns.get(Deployment.class, name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(ConfigHash.ANNOTATION);
  }

  @Test
  void everyDependentAppearsOwnedByThePipelineWithStatus() {
    var pipeline = ns.create("orders", true);
    var uid = pipeline.getMetadata().getUid();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              for (var object :
                  new HasMetadata[] {
                    ns.get(ConfigMap.class, "orders-config"),
                    ns.get(Deployment.class, "orders"),
                    ns.get(Service.class, "orders-metrics"),
                    ns.get(PodDisruptionBudget.class, "orders")
                  }) {
                assertThat(object).isNotNull();
                assertThat(object.getMetadata().getOwnerReferences())
                    .singleElement()
                    .extracting(
                        OwnerReference::getUid,
                        OwnerReference::getController,
                        OwnerReference::getBlockOwnerDeletion)
                    .containsExactly(uid, true, true);
              }
              var status = ns.pipeline("orders").getStatus();
              assertThat(status.getObservedGeneration()).isEqualTo(1L);
              assertThat(status.getSelector())
                  .isEqualTo(
                      "app.kubernetes.io/instance=orders,app.kubernetes.io/name=batchline-consumer");
              assertThat(status.getConditions())
                  .extracting(Condition::getType)
                  .containsExactly("Ready", "Progressing", "Degraded");
            });
    assertThat(ns.get(HorizontalPodAutoscaler.class, "orders")).isNull();
    for (var object :
        new HasMetadata[] {
          ns.get(ConfigMap.class, "orders-config"),
          ns.get(Deployment.class, "orders"),
          ns.get(Service.class, "orders-metrics"),
          ns.get(PodDisruptionBudget.class, "orders")
        }) {
      assertThat(object.getMetadata().getManagedFields())
          .as("%s is applied with server-side apply by the controller", object.getKind())
          .anySatisfy(
              f -> {
                assertThat(f.getManager()).isEqualTo("eventpipeline");
                assertThat(f.getOperation()).isEqualTo("Apply");
              });
    }
  }

  @Test
  void changingTheBatchSizeUpdatesTheConfigMapAndRollsThePods() {
    ns.create("resize", true);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "resize") != null);
    var before = configHash("resize");

    ns.patchSpec("resize", "{\"batch\":{\"size\":500}}");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(ns.get(ConfigMap.class, "resize-config").getData())
                  .containsEntry("EVENT_PROCESSING_BATCH_SIZE", "500");
              assertThat(configHash("resize")).isNotEqualTo(before);
              assertThat(ns.pipeline("resize").getStatus().getObservedGeneration()).isEqualTo(2L);
            });
  }

  @Test
  void theConsumersGetTheirDrainAndInsertTimeoutsAndAGraceThatFitsThemNotTheFlushInterval() {
    ns.create("graceful", true);
    ns.patchSpec("graceful", "{\"batch\":{\"flushSeconds\":3600}}");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                ns.get(ConfigMap.class, "graceful-config") != null
                    && ns.get(Deployment.class, "graceful") != null);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(ns.get(ConfigMap.class, "graceful-config").getData())
                  .containsEntry("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "3600")
                  .containsEntry("EVENT_PROCESSING_DRAIN_TIMEOUT", "25s")
                  .containsEntry("CLICKHOUSE_INSERT_TIMEOUT", "30s");
              assertThat(
                      ns.get(Deployment.class, "graceful")
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getTerminationGracePeriodSeconds())
                  .isEqualTo(25L + 30 + 10);
            });
  }

  @Test
  void rotatingTheCredentialsRollsThePodsAndRelabellingTheSecretDoesNot() {
    ns.create("rotate", true);
    await().atMost(TIMEOUT).until(() -> secretHash("rotate") != null);
    var before = secretHash("rotate");
    var reconciles = PipelineNamespace.reconciles(operator);

    editSecret(
        "rotate-ch",
        s -> new SecretBuilder(s).editMetadata().addToLabels("touched", "yes").endMetadata());
    await().atMost(TIMEOUT).until(() -> PipelineNamespace.reconciles(operator) > reconciles);
    assertThat(secretHash("rotate")).isEqualTo(before);

    editSecret("rotate-ch", s -> new SecretBuilder(s).addToStringData("password", "rotated"));
    await().atMost(TIMEOUT).until(() -> !before.equals(secretHash("rotate")));
    assertThat(configHash("rotate")).isNotNull();
  }

  private void editSecret(String name, Function<Secret, SecretBuilder> change) {
    client.secrets().inNamespace(namespace).withName(name).edit(s -> change.apply(s).build());
  }

  private String secretHash(String name) {
    var deployment = ns.get(Deployment.class, name);
    return deployment == null
        ? null
        : deployment
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(ConsumerDeployment.SECRET_HASH_ANNOTATION);
  }

  @Test
  void theScaleSubresourceDrivesTheDeployment() {
    ns.create("scaled", true);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "scaled") != null);

    client.resources(EventPipeline.class).inNamespace(namespace).withName("scaled").scale(3);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ns.get(Deployment.class, "scaled").getSpec().getReplicas())
                    .isEqualTo(3));
    assertThat(ns.pipeline("scaled").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void readyPodsMakeThePipelineReady() {
    ns.create("ready", true);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "ready") != null);
    ns.awaitCondition("ready", "Ready", "False", "ConsumersNotReady");

    ns.markDeploymentReady("ready");

    ns.awaitCondition("ready", "Ready", "True", "ConsumersReady");
    ns.awaitCondition("ready", "Progressing", "False", "RolloutComplete");
    assertThat(ns.pipeline("ready").getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(ns.pipeline("ready").getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  void aMissingSecretIsReportedUntilItAppears() {
    ns.create("nosecret", false);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "nosecret") != null);
    ns.markDeploymentReady("nosecret");
    ns.awaitCondition("nosecret", "Ready", "False", "SecretNotFound");
    assertThat(ns.condition("nosecret", "Ready").getMessage()).contains("nosecret-ch");

    ns.createSecret("nosecret-ch");

    ns.awaitCondition("nosecret", "Ready", "True", "ConsumersReady");
    ns.awaitCondition("nosecret", "Degraded", "False", "AsExpected");
  }

  @Test
  void aReconcileThatChangesNothingLeavesThePipelineUntouched() {
    ns.create("quiet", true);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "quiet") != null);
    ns.markDeploymentReady("quiet");
    ns.awaitCondition("quiet", "Ready", "True", "ConsumersReady");
    var version = ns.pipeline("quiet").getMetadata().getResourceVersion();
    var before = PipelineNamespace.reconciles(operator);

    client
        .secrets()
        .inNamespace(namespace)
        .withName("quiet-ch")
        .edit(
            s ->
                new SecretBuilder(s)
                    .editMetadata()
                    .addToLabels("touched", "yes")
                    .endMetadata()
                    .build());

    await().atMost(TIMEOUT).until(() -> PipelineNamespace.reconciles(operator) > before);
    assertThat(ns.pipeline("quiet").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void theAutoscalerComesAndGoesWithSpecAutoscaling() {
    ns.create("elastic", true);
    await().atMost(TIMEOUT).until(() -> ns.get(Deployment.class, "elastic") != null);

    ns.patchSpec("elastic", "{\"autoscaling\":{\"maxReplicas\":5}}");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var hpa = ns.get(HorizontalPodAutoscaler.class, "elastic");
              assertThat(hpa).isNotNull();
              assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("EventPipeline");
              assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
            });

    ns.patchSpec("elastic", "{\"autoscaling\":null}");

    await().atMost(TIMEOUT).until(() -> ns.get(HorizontalPodAutoscaler.class, "elastic") == null);
  }

  @Test
  void aSpecTheSchemaAcceptsButTheOperatorCannotUseIsReportedNotApplied() {
    ns.createSecret("greedy-ch");
    var pipeline = TestPipelines.unsaved("greedy", namespace);
    pipeline.getSpec().getClickhouse().getPassword().getSecretKeyRef().setName("greedy-ch");
    pipeline.getSpec().getClickhouse().getUsername().getSecretKeyRef().setName("greedy-ch");
    pipeline
        .getSpec()
        .getConsumer()
        .setResources(
            new ContainerResources(
                Map.of("memory", new Quantity("4Gi")), Map.of("memory", new Quantity("1Gi"))));
    client.resource(pipeline).create();

    ns.awaitCondition("greedy", "Ready", "False", "InvalidSpec");
    assertThat(ns.condition("greedy", "Degraded").getMessage())
        .contains("spec.consumer.resources.requests.memory");
    assertThat(ns.get(Deployment.class, "greedy")).isNull();
    assertThat(ns.get(ConfigMap.class, "greedy-config")).isNull();
  }

  @Test
  void reconcileMetricsAreServedInPrometheusFormat() throws Exception {
    await().atMost(TIMEOUT).until(() -> PipelineNamespace.reconciles(operator) > 0);
    var uri = URI.create("http://127.0.0.1:" + operator.metricsPort() + "/metrics");

    var body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(body).contains("operator_sdk_reconciliations_started_total");
  }
}
