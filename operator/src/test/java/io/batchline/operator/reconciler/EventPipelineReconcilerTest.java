package io.batchline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.dependent.WorkflowInputs;
import io.batchline.operator.model.ClusterFeatures;
import io.batchline.operator.model.Conditions;
import io.batchline.operator.model.OperatorDefaults;
import io.batchline.operator.model.PipelineHealth;
import io.batchline.operator.model.PipelineMetadata;
import io.batchline.operator.model.StatusEvents.PipelineEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPipelineReconcilerTest {

  private static final OperatorDefaults DEFAULTS =
      OperatorDefaults.standard().withConsumerImage("registry.example.com/consumer:2.0");

  private final List<PipelineEvent> posted = new ArrayList<>();
  private List<Secret> secrets = List.of(credentials());

  private EventPipelineReconciler reconciler(ClusterFeatures features) {
    return new EventPipelineReconciler(
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC),
        () -> features,
        DEFAULTS,
        pipeline -> secrets,
        (pipeline, events) -> posted.addAll(events));
  }

  private final EventPipelineReconciler reconciler = reconciler(ClusterFeatures.none());

  private static Secret credentials() {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(TestPipelines.SECRET)
        .withNamespace("shop")
        .withUid("5ec7e7")
        .endMetadata()
        .addToData("username", "eA==")
        .addToData("password", "eA==")
        .build();
  }

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
    return new FakeContext(readyDeployment());
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
    assertThat(control.getScheduleDelay()).isEmpty();
  }

  @Test
  void theWorkflowGetsTheClusterFeaturesTheDefaultsAndTheSecretHash() {
    var fake = world();
    var features = new ClusterFeatures(true, true);

    reconciler(features).reconcile(TestPipelines.orders(), fake.context());

    var inputs = (WorkflowInputs) fake.values.get(WorkflowInputs.class);
    assertThat(inputs.features()).isEqualTo(features);
    assertThat(inputs.defaults()).isEqualTo(DEFAULTS);
    assertThat(inputs.secretHash()).isPresent();
  }

  @Test
  void theStatusNamesTheImageOfThePipelineOrElseTheOperatorsDefault() {
    var pipeline = TestPipelines.orders();
    var status = reconciler.reconcile(pipeline, world().context()).getResource().orElseThrow();
    assertThat(status.getStatus().getConsumerImage())
        .isEqualTo("registry.example.com/consumer:2.0");

    pipeline.getSpec().getConsumer().setImage("mine/consumer:1");
    status = reconciler.reconcile(pipeline, world().context()).getResource().orElseThrow();
    assertThat(status.getStatus().getConsumerImage()).isEqualTo("mine/consumer:1");
  }

  @Test
  void anUnchangedStatusIsNotWrittenAgainNorAnnouncedAgain() {
    var pipeline = TestPipelines.orders();
    pipeline.setStatus(
        reconciler.reconcile(pipeline, world().context()).getResource().orElseThrow().getStatus());
    var announced = posted.size();

    var control = reconciler.reconcile(pipeline, world().context());

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(announced).isEqualTo(3);
    assertThat(posted).hasSize(announced);
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
    assertThat(posted)
        .filteredOn(e -> e.reason().equals("InvalidSpec"))
        .extracting(PipelineEvent::type)
        .contains("Warning");
  }

  @Test
  void aPausedPipelineIsReportedWithoutApplyingAnything() {
    var fake = world();
    var pipeline = TestPipelines.orders();
    pipeline.getMetadata().setAnnotations(Map.of(PipelineMetadata.PAUSED_ANNOTATION, "true"));

    var control = reconciler.reconcile(pipeline, fake.context());

    assertThat(fake.workflowRuns).isZero();
    var progressing =
        Conditions.find(
            control.getResource().orElseThrow().getStatus().getConditions(), "Progressing");
    assertThat(progressing).get().extracting(c -> c.getReason()).isEqualTo("Paused");
  }

  @Test
  void aMissingSecretStillAppliesIsNotReadyAndIsLookedAtAgainSoon() {
    secrets = List.of();
    var fake = world();

    var control = reconciler.reconcile(TestPipelines.orders(), fake.context());

    assertThat(fake.workflowRuns).isEqualTo(1);
    var ready =
        Conditions.find(control.getResource().orElseThrow().getStatus().getConditions(), "Ready");
    assertThat(ready).get().extracting(c -> c.getReason()).isEqualTo("SecretNotFound");
    assertThat(control.getScheduleDelay())
        .contains(EventPipelineReconciler.SECRET_RECHECK.toMillis());
  }

  @Test
  void aFailureThatIsNotYetPersistentLeavesTheStatusAlone() {
    var pipeline = TestPipelines.orders();
    var fake = world();
    fake.retryAttempts = Optional.of(PipelineHealth.PERSISTENT_FAILURE_ATTEMPTS - 2);

    var control =
        reconciler.updateErrorStatus(
            pipeline, fake.context(), new IllegalStateException("409 Conflict"));

    assertThat(control.getResource()).isEmpty();
    assertThat(posted).isEmpty();
  }

  @Test
  void aPersistentFailureIsReportedAsDegradedOnce() {
    var pipeline = TestPipelines.orders();
    var error = new IllegalStateException("apply failed");
    var fake = world();
    fake.retryAttempts = Optional.of(PipelineHealth.PERSISTENT_FAILURE_ATTEMPTS - 1);

    var first = reconciler.updateErrorStatus(pipeline, fake.context(), error);
    pipeline.setStatus(first.getResource().orElseThrow().getStatus());
    var second = reconciler.updateErrorStatus(pipeline, fake.context(), error);

    assertThat(
            Conditions.find(pipeline.getStatus().getConditions(), "Degraded")
                .orElseThrow()
                .getReason())
        .isEqualTo("IllegalStateException");
    assertThat(second.getResource()).isEmpty();
    assertThat(posted)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("Warning");
              assertThat(e.reason()).isEqualTo("IllegalStateException");
            });
  }

  @Test
  void aFailedWorkflowIsReportedByTheErrorOfItsDependent() {
    var pipeline = TestPipelines.orders();
    var refused = new IllegalArgumentException("ConfigMap refused: a test refuses batch size 777");
    var workflow =
        new AggregatedOperatorException(
            "Exception(s) during workflow execution.", Map.of("configmapdependent", refused));
    var fake = world();
    fake.retryAttempts = Optional.of(PipelineHealth.PERSISTENT_FAILURE_ATTEMPTS);

    var control =
        reconciler.updateErrorStatus(
            pipeline, fake.context(), new RuntimeException("wrapped", workflow));

    var degraded =
        Conditions.find(control.getResource().orElseThrow().getStatus().getConditions(), "Degraded")
            .orElseThrow();
    assertThat(degraded.getReason()).isEqualTo("IllegalArgumentException");
    assertThat(degraded.getMessage()).contains("a test refuses batch size 777");
  }

  /** How JOSDK runs this reconciler, from its annotations, as the operator registers it. */
  @Test
  void failuresAreRetriedWithoutLimitAndEveryPipelineIsLookedAtEveryFiveMinutes() {
    var configuration = new BaseConfigurationService().getConfigurationFor(reconciler);
    var retry = (GenericRetry) configuration.getRetry();

    assertThat(retry.getMaxAttempts()).as("-1 is no limit").isEqualTo(-1);
    assertThat(retry.getMaxInterval()).isEqualTo(Duration.ofMinutes(1).toMillis());
    assertThat(configuration.maxReconciliationInterval()).contains(Duration.ofMinutes(5));
    assertThat(configuration.isGenerationAware())
        .as("pause changes no generation; PipelineChanges filters instead")
        .isFalse();
  }
}
