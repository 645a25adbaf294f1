package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RBAC of deploy/base is enough: the operator runs under its ServiceAccount's token, with no
 * other rights, and does its whole job. Any missing rule shows as a failed reconcile or a missing
 * object here, because the API server authorizes with RBAC.
 */
class OperatorServiceAccountIT {

  private static RealApiServer server;
  private static ServiceAccountOperator operator;
  private static PipelineNamespace ns;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("service-account"));
    operator = ServiceAccountOperator.start(server, "service-account-it");
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @AfterEach
  void noReconcileFailed() {
    assertThat(operator.failedReconciles()).as("failed reconciles (a 403 is one)").isZero();
  }

  @Test
  void theTokenGrantsNoMoreThanTheBase() {
    var asOperator = operator.client();

    var refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> asOperator.secrets().inNamespace(ns.namespace).withName("x").delete());

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(403);
  }

  /**
   * Secrets are read one by one, by name: the operator can neither list them (nor so cache or
   * enumerate every credential of the cluster) nor watch them. What server-side apply does not need
   * (update, get of its objects, delete of what it never deletes) is not granted either.
   */
  @Test
  void itCanNeitherListNorWatchSecretsNorUpdateWhatItApplies() {
    var asOperator = operator.client();
    ns.create("trimmed", true);
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> ns.get(ConfigMap.class, "trimmed-config") != null);

    var refusals =
        List.<ThrowingCallable>of(
            () -> asOperator.secrets().inNamespace(ns.namespace).list(),
            () -> asOperator.secrets().inAnyNamespace().list(),
            () ->
                asOperator
                    .configMaps()
                    .inNamespace(ns.namespace)
                    .withName("trimmed-config")
                    .edit(c -> c),
            () ->
                asOperator.configMaps().inNamespace(ns.namespace).withName("trimmed-config").get(),
            () ->
                asOperator
                    .apps()
                    .deployments()
                    .inNamespace(ns.namespace)
                    .withName("trimmed")
                    .delete());
    for (var refusal : refusals) {
      var refused = catchThrowableOfType(KubernetesClientException.class, refusal);
      assertThat(refused).isNotNull();
      assertThat(refused.getCode()).isEqualTo(403);
    }
  }

  @Test
  void itLeadsThroughTheLeaseInItsOwnNamespace() {
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        server
                            .client()
                            .resources(Lease.class)
                            .inNamespace(ServiceAccountOperator.NAMESPACE)
                            .withName(ServiceAccountOperator.ACCOUNT)
                            .get())
                    .extracting(l -> l.getSpec().getHolderIdentity())
                    .isEqualTo("service-account-it"));
  }

  @Test
  void aPipelineWaitsForItsSecretThenBecomesReady() {
    ns.create("ledger", false);

    ns.awaitCondition("ledger", "Ready", "False", "SecretNotFound");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(ns.get(ConfigMap.class, "ledger-config")).isNotNull();
              assertThat(ns.get(Deployment.class, "ledger")).isNotNull();
              assertThat(ns.get(Service.class, "ledger-metrics")).isNotNull();
              assertThat(ns.get(PodDisruptionBudget.class, "ledger")).isNotNull();
            });

    ns.createSecret("ledger-ch");
    ns.awaitCondition("ledger", "Ready", "False", "ConsumersNotReady");

    ns.markDeploymentReady("ledger");
    ns.awaitCondition("ledger", "Ready", "True", "ConsumersReady");
  }

  @Test
  void aConsumerThatKeepsFailingShowsInDegraded() {
    ns.create("refunds", true);
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(() -> assertThat(ns.get(Deployment.class, "refunds")).isNotNull());
    var pod = ns.podOf(ns.get(Deployment.class, "refunds"), "refunds-5d8f9c-x7k2q");

    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewContainerStatus()
            .withName("consumer")
            .withImage("ghcr.io/batchline/consumer:0.1.0")
            .withImageID("")
            .withReady(false)
            .withRestartCount(4)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .withReason("Error")
            .withMessage("ClickHouse table default.evnts does not exist")
            .endTerminated()
            .endLastState()
            .endContainerStatus()
            .build());
    server.client().resource(pod).updateStatus();

    ns.awaitCondition("refunds", "Degraded", "True", "ConsumerFailed");
    assertThat(ns.condition("refunds", "Degraded").getMessage())
        .isEqualTo(
            "pod refunds-5d8f9c-x7k2q: container consumer exited 1: ClickHouse table"
                + " default.evnts does not exist");
  }

  @Test
  void autoscalingCreatesAndRemovesTheHpa() {
    ns.create("clicks", true);
    ns.patchSpec("clicks", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":3}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var hpa = ns.get(HorizontalPodAutoscaler.class, "clicks");
              assertThat(hpa).isNotNull();
              assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(3);
              assertThat(hpa.getSpec().getBehavior().getScaleUp().getStabilizationWindowSeconds())
                  .isEqualTo(60);
              assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
                  .isEqualTo(300);
            });

    ns.patchSpec("clicks", "{\"autoscaling\":null}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(() -> assertThat(ns.get(HorizontalPodAutoscaler.class, "clicks")).isNull());
  }
}
