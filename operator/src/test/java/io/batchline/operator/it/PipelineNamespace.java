package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;

/** Pipelines and their Secrets in one namespace of the real API server, as the ITs use them. */
final class PipelineNamespace {

  static final Duration TIMEOUT = Duration.ofSeconds(45);

  final KubernetesClient client;
  final String namespace;

  PipelineNamespace(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Reconciles the operator has started, from its own reconcile metrics. */
  static double reconciles(BatchlineOperator operator) {
    return operator.registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** Reconciles that ended in an exception, such as a 403 or a refusal, from its metrics. */
  static double failedReconciles(BatchlineOperator operator) {
    return operator.registry().find("operator.sdk.reconciliations.failed").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** A pod as the ReplicaSet controller makes it from the Deployment's template; none runs here. */
  Pod podOf(Deployment deployment, String name) {
    var template = deployment.getSpec().getTemplate();
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(template.getMetadata().getLabels())
                .endMetadata()
                .withSpec(template.getSpec())
                .build())
        .create();
  }

  EventPipeline create(String name, boolean withSecret) {
    var pipeline = TestPipelines.unsaved(name, namespace);
    pipeline.getSpec().getClickhouse().getPassword().getSecretKeyRef().setName(name + "-ch");
    pipeline.getSpec().getClickhouse().getUsername().getSecretKeyRef().setName(name + "-ch");
    if (withSecret) {
      createSecret(name + "-ch");
    }
    return client.resource(pipeline).create();
  }

  Secret createSecret(String name) {
    return client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("username", "default")
                .addToStringData("password", "secret")
                .build())
        .create();
  }

  EventPipeline pipeline(String name) {
    return client.resources(EventPipeline.class).inNamespace(namespace).withName(name).get();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }

  Condition condition(String name, String type) {
    var status = pipeline(name).getStatus();
    return Conditions.find(status == null ? null : status.getConditions(), type).orElse(null);
  }

  void awaitCondition(String name, String type, String status, String reason) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(condition(name, type))
                    .isNotNull()
                    .extracting(Condition::getStatus, Condition::getReason)
                    .containsExactly(status, reason));
  }

  /** What the Deployment controller would write once every pod is ready; there is none here. */
  void markDeploymentReady(String name) {
    var deployment = get(Deployment.class, name);
    int replicas = deployment.getSpec().getReplicas();
    var status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":" + Serialization.asJson(status) + "}");
  }

  /** A merge patch of the spec, as kubectl patch --type=merge: no resourceVersion, no conflict. */
  void patchSpec(String name, String specJson) {
    client
        .resources(EventPipeline.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
  }
}
