package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.EventPipelineStatus;
import io.batchline.operator.model.PipelineHealth.Observation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final String IMAGE = "ghcr.io/batchline/consumer:0.1.0";

  private static Deployment deployment(long generation, long observed, int ready, int updated) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withGeneration(generation)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(observed)
        .withReplicas(Math.max(ready, updated))
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .endStatus()
        .build();
  }

  private static Observation seen(Deployment deployment) {
    return new Observation(
        List.of(), List.of(), Optional.ofNullable(deployment), Optional.empty(), false, IMAGE);
  }

  private static Condition condition(EventPipelineStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void readyWhenEveryConsumerIsReadyAndTheRolloutIsDone() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setReplicas(2);

    var status = PipelineHealth.assess(pipeline, seen(deployment(3, 3, 2, 2)), T0);

    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getSelector()).isEqualTo(PipelineMetadata.selector(pipeline));
    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True", "ConsumersReady"),
            org.assertj.core.groups.Tuple.tuple("Progressing", "False", "RolloutComplete"),
            org.assertj.core.groups.Tuple.tuple("Degraded", "False", "AsExpected"));
    assertThat(status.getConditions())
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
  }

  @Test
  void notReadyAndProgressingWhileConsumersStart() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setReplicas(3);

    var status = PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 3)), T0);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getMessage()).isEqualTo("1/3 consumers ready");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
  }

  @Test
  void progressingUntilTheDeploymentControllerSawTheNewTemplate() {
    var status = PipelineHealth.assess(TestPipelines.orders(), seen(deployment(2, 1, 1, 1)), T0);

    assertThat(condition(status, "Progressing").getReason()).isEqualTo("RollingOut");
  }

  @Test
  void noDeploymentYetMeansCreating() {
    var status = PipelineHealth.assess(TestPipelines.orders(), seen(null), T0);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("Creating");
    assertThat(status.getReplicas()).isZero();
  }

  @Test
  void aMissingSecretKeepsItNotReadyEvenWithReadyPods() {
    var problem =
        new SecretReferences.Problem("SecretNotFound", "Secret x named by f does not exist");
    var seen =
        new Observation(
            List.of(),
            List.of(problem),
            Optional.of(deployment(1, 1, 1, 1)),
            Optional.empty(),
            false,
            IMAGE);

    var status = PipelineHealth.assess(TestPipelines.orders(), seen, T0);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
  }

  @Test
  void anInvalidSpecIsReportedWithEveryProblem() {
    var seen =
        new Observation(
            List.of("a is wrong", "b is wrong"),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            false,
            IMAGE);

    var status = PipelineHealth.assess(TestPipelines.orders(), seen, T0);

    assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Degraded").getMessage()).isEqualTo("a is wrong; b is wrong");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
  }

  @Test
  void deploymentFailuresMakeItDegraded() {
    var failing = deployment(1, 1, 0, 1);
    failing
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet orders-1 has timed out progressing.")
                    .build()));

    var status = PipelineHealth.assess(TestPipelines.orders(), seen(failing), T0);

    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getReason()).isEqualTo("ProgressDeadlineExceeded");
  }

  @Test
  void aFailingConsumerMakesItDegradedWithWhatTheConsumerSaid() {
    var failure =
        new ConsumerFailure(
            "orders-5d8f-abcde", "exited 1", "ClickHouse table default.evnts not found");
    var seen =
        new Observation(
            List.of(),
            List.of(),
            Optional.of(deployment(1, 1, 0, 1)),
            Optional.of(failure),
            false,
            IMAGE);

    var degraded = condition(PipelineHealth.assess(TestPipelines.orders(), seen, T0), "Degraded");

    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("ConsumerFailed");
    assertThat(degraded.getMessage())
        .isEqualTo(
            "pod orders-5d8f-abcde: container consumer exited 1: ClickHouse table"
                + " default.evnts not found");
  }

  @Test
  void scaledToZeroIsReady() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setReplicas(0);

    var status = PipelineHealth.assess(pipeline, seen(deployment(1, 1, 0, 0)), T0);

    assertThat(condition(status, "Ready").getReason()).isEqualTo("ScaledToZero");
  }

  @Test
  void anUnchangedConditionKeepsItsTransitionTime() {
    var pipeline = TestPipelines.orders();
    pipeline.setStatus(PipelineHealth.assess(pipeline, seen(deployment(1, 1, 0, 1)), T0));

    var later = PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 1)), T1);

    assertThat(condition(later, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(later, "Degraded").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void assessingTheSameWorldTwiceChangesNothing() {
    var pipeline = TestPipelines.orders();
    pipeline.setStatus(PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 1)), T0));

    var again = PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 1)), T1);

    assertThat(StatusDiff.changed(pipeline.getStatus(), again)).isFalse();
  }

  @Test
  void aFailedReconcileSetsDegradedFromTheRootCauseAndKeepsTheRest() {
    EventPipeline pipeline = TestPipelines.orders();
    pipeline.setStatus(PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 1)), T0));
    var error = new RuntimeException("wrapped", new IllegalStateException("etcd is gone"));

    var status =
        PipelineHealth.failed(pipeline, error, PipelineHealth.PERSISTENT_FAILURE_ATTEMPTS, T1)
            .orElseThrow();

    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getReason()).isEqualTo("IllegalStateException");
    assertThat(condition(status, "Degraded").getMessage()).startsWith("etcd is gone (retried");
    assertThat(condition(status, "Ready")).isEqualTo(condition(pipeline.getStatus(), "Ready"));
    assertThat(status.getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void aFailureThatHasNotPersistedChangesNothing() {
    EventPipeline pipeline = TestPipelines.orders();
    pipeline.setStatus(PipelineHealth.assess(pipeline, seen(deployment(1, 1, 1, 1)), T0));

    for (var attempt = 1; attempt < PipelineHealth.PERSISTENT_FAILURE_ATTEMPTS; attempt++) {
      assertThat(PipelineHealth.failed(pipeline, new IllegalStateException("409"), attempt, T1))
          .isEmpty();
    }
  }

  @Test
  void pausedIsNotProgressingAndSaysWhy() {
    var seen =
        new Observation(
            List.of(),
            List.of(),
            Optional.of(deployment(1, 1, 1, 1)),
            Optional.empty(),
            true,
            IMAGE);

    var status = PipelineHealth.assess(TestPipelines.orders(), seen, T0);

    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("Paused");
    assertThat(condition(status, "Progressing").getMessage()).contains("batchline.io/paused");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void theConsumerImageIsTheOneTheDeploymentRunsOnceItExists() {
    var running =
        new DeploymentBuilder(deployment(1, 1, 1, 1))
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName(ConsumerDeployment.CONTAINER)
            .withImage("old/consumer:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();

    assertThat(PipelineHealth.assess(TestPipelines.orders(), seen(running), T0).getConsumerImage())
        .isEqualTo("old/consumer:1");
    assertThat(PipelineHealth.assess(TestPipelines.orders(), seen(null), T0).getConsumerImage())
        .isEqualTo(IMAGE);
  }
}
