package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node drain while ClickHouse is down: every consumer is running but not ready (by design, while
 * its writes fail), so the budget counts no healthy pod. The eviction API of the real API server
 * must still let such a pod go, or the drain would wait for ClickHouse.
 */
class DisruptionBudgetIT {

  private static RealApiServer server;
  private static PipelineNamespace ns;
  private static BatchlineOperator operator;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("disruption"));
    operator = TestOperator.start(server.client(), TestOperator.env(ns.namespace, "pdb-it"));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aConsumerThatIsNotReadyCanBeEvictedWhenNoConsumerIsHealthy() {
    ns.create("drained", true);
    ns.patchSpec("drained", "{\"replicas\":2}");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(
            () ->
                ns.get(PodDisruptionBudget.class, "drained") != null
                    && ns.get(Deployment.class, "drained") != null);
    var pod = notReadyConsumer(ns.get(Deployment.class, "drained"), "drained-5d8f9c-aaaaa");
    notReadyConsumer(ns.get(Deployment.class, "drained"), "drained-5d8f9c-bbbbb");
    budgetAsTheDisruptionControllerWouldSeeIt("drained");

    var refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                server
                    .client()
                    .pods()
                    .inNamespace(ns.namespace)
                    .withName(pod.getMetadata().getName())
                    .evict(
                        new EvictionBuilder()
                            .withNewMetadata()
                            .withName(pod.getMetadata().getName())
                            .withNamespace(ns.namespace)
                            .endMetadata()
                            .build()));

    assertThat(refused).as("the eviction was refused").isNull();
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> ns.get(Pod.class, pod.getMetadata().getName()) == null);
  }

  /** A consumer pod that runs but is not ready, as the kubelet reports one during an outage. */
  private static Pod notReadyConsumer(Deployment deployment, String name) {
    var pod = ns.podOf(deployment, name);
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .withReason("ContainersNotReady")
            .endCondition()
            .build());
    return server.client().resource(pod).updateStatus();
  }

  /** Two pods expected, none healthy, one must stay: no disruption allowed. */
  private static void budgetAsTheDisruptionControllerWouldSeeIt(String name) {
    var budget = ns.get(PodDisruptionBudget.class, name);
    var status =
        new PodDisruptionBudgetStatusBuilder()
            .withObservedGeneration(budget.getMetadata().getGeneration())
            .withExpectedPods(2)
            .withCurrentHealthy(0)
            .withDesiredHealthy(1)
            .withDisruptionsAllowed(0)
            .build();
    server
        .client()
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(ns.namespace)
        .withName(name)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":" + Serialization.asJson(status) + "}");
  }
}
