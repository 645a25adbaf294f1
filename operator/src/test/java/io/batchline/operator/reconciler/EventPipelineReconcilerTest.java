package io.batchline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.AutoscalingPlatform;
import io.batchline.operator.model.Conditions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventPipelineReconcilerTest {

  private final EventPipelineReconciler reconciler =
      new EventPipelineReconciler(
          Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC),
          AutoscalingPlatform::withoutKeda);

  private static Deployment readyDeployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withGeneration(1L)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(1)
        .withUpdatedReplicas(1)
        .withReadyReplicas(1)
        .endStatus()
        .build();
  }

  private static FakeContext world() {
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(TestPipelines.SECRET)
            .withNamespace("shop")
            .endMetadata()
            .addToData("username", "eA==")
            .addToData("password", "eA==")
            .build();
    return new FakeContext(secret, readyDeployment());
  }

  @Test
  void appliesTheWorkflowAndPatchesOnlyTheStatus() {
    var fake = world();
    var pipeline = TestPipelines.orders();
    pipeline.getMetadata().setResourceVersion("42");

    var control = reconciler.reconcile(pipeline, fake.context());

    assertThat(fake.workflowRuns).isEqualTo(1);
    assertThat(control.isPatchStatus()).isTrue();
    EventPipeline patch = control.getResource().orElseThrow();
    assertThat(patch.getSpec()).isNull();
    assertThat(patch.getMetadata().getResourceVersion()).isNull();
    assertThat(patch.getMetadata().getName()).isEqualTo("orders");
    assertThat(
            Conditions.find(patch.getStatus().getConditions(), "Ready").orElseThrow().getStatus())
        .isEqualTo("True");
  }

  @Test
  void theWorkflowLearnsWhetherKedaIsInstalled() {
    var fake = world();
    var keda = new AutoscalingPlatform(true, "http://prometheus:9090");
    var withKeda = new EventPipelineReconciler(Clock.systemUTC(), () -> keda);

    withKeda.reconcile(TestPipelines.orders(), fake.context());

    assertThat(fake.values).containsEntry(AutoscalingPlatform.class, keda);
  }

  @Test
  void anUnchangedStatusIsNotWrittenAgain() {
    var pipeline = TestPipelines.orders();
    pipeline.setStatus(
        reconciler.reconcile(pipeline, world().context()).getResource().orElseThrow().getStatus());

    var control = reconciler.reconcile(pipeline, world().context());

    assertThat(control.isNoUpdate()).isTrue();
  }

  @Test
  void anInvalidSpecIsReportedWithoutApplyingAnything() {
    var fake = world();
    var pipeline = TestPipelines.orders();
    pipeline.getMetadata().setName("Not_A_Name");

    var control = reconciler.reconcile(pipeline, fake.context());

    assertThat(fake.workflowRuns).isZero();
    var ready =
        Conditions.find(control.getResource().orElseThrow().getStatus().getConditions(), "Ready");
    assertThat(ready).get().extracting(c -> c.getReason()).isEqualTo("InvalidSpec");
  }

  @Test
  void aMissingSecretStillAppliesButIsNotReady() {
    var fake = new FakeContext(readyDeployment());

    var control = reconciler.reconcile(TestPipelines.orders(), fake.context());

    assertThat(fake.workflowRuns).isEqualTo(1);
    var ready =
        Conditions.find(control.getResource().orElseThrow().getStatus().getConditions(), "Ready");
    assertThat(ready).get().extracting(c -> c.getReason()).isEqualTo("SecretNotFound");
  }

  @Test
  void aFailureIsReportedAsDegradedOnce() {
    var pipeline = TestPipelines.orders();
    var error = new IllegalStateException("apply failed");

    var first = reconciler.updateErrorStatus(pipeline, world().context(), error);
    pipeline.setStatus(first.getResource().orElseThrow().getStatus());
    var second = reconciler.updateErrorStatus(pipeline, world().context(), error);

    assertThat(
            Conditions.find(pipeline.getStatus().getConditions(), "Degraded")
                .orElseThrow()
                .getReason())
        .isEqualTo("IllegalStateException");
    assertThat(second.getResource()).isEmpty();
  }
}
