package io.batchline.operator.model;

import static io.batchline.operator.model.Conditions.DEGRADED;
import static io.batchline.operator.model.Conditions.PROGRESSING;
import static io.batchline.operator.model.Conditions.READY;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.EventPipelineStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Works out a pipeline's status from what the operator sees: the spec's problems, the referenced
 * Secrets and the consumer Deployment. Pure, so that every case is a unit test.
 */
public final class PipelineHealth {

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String PAUSED = "Paused";

  /**
   * A reconcile that failed this many times in a row sets Degraded. A single failure, such as a 409
   * from a concurrent write or a timeout, is retried with backoff and is not reported.
   */
  public static final int PERSISTENT_FAILURE_ATTEMPTS = 5;

  /**
   * What one reconcile saw.
   *
   * @param paused whether the pipeline carries {@link PipelineMetadata#PAUSED_ANNOTATION}
   * @param desiredImage the consumer image the operator would apply
   */
  public record Observation(
      List<String> specProblems,
      List<SecretReferences.Problem> secretProblems,
      Optional<Deployment> deployment,
      Optional<ConsumerFailure> consumerFailure,
      boolean paused,
      String desiredImage) {}

  private PipelineHealth() {}

  public static EventPipelineStatus assess(EventPipeline pipeline, Observation seen, Instant now) {
    var generation = pipeline.getMetadata().getGeneration();
    var desired = Optional.ofNullable(pipeline.getSpec().getReplicas()).orElse(1);
    var deploymentStatus = seen.deployment().map(Deployment::getStatus);
    var ready = deploymentStatus.map(DeploymentStatus::getReadyReplicas).orElse(0);
    var conditions = new ArrayList<Condition>();
    if (!seen.specProblems().isEmpty()) {
      var message = String.join("; ", seen.specProblems());
      conditions.add(Conditions.of(READY, false, INVALID_SPEC, message, generation, now));
      conditions.add(
          Conditions.of(
              PROGRESSING, false, INVALID_SPEC, "waiting for a valid spec", generation, now));
      conditions.add(Conditions.of(DEGRADED, true, INVALID_SPEC, message, generation, now));
    } else if (!seen.secretProblems().isEmpty()) {
      var first = seen.secretProblems().get(0);
      conditions.add(Conditions.of(READY, false, first.reason(), first.message(), generation, now));
      conditions.add(progressing(seen.deployment(), desired, generation, now));
      conditions.add(
          Conditions.of(DEGRADED, true, first.reason(), first.message(), generation, now));
    } else {
      conditions.add(readiness(ready, desired, generation, now));
      conditions.add(
          seen.paused()
              ? Conditions.of(
                  PROGRESSING,
                  false,
                  PAUSED,
                  "the "
                      + PipelineMetadata.PAUSED_ANNOTATION
                      + " annotation holds every change: nothing is applied until it is removed",
                  generation,
                  now)
              : progressing(seen.deployment(), desired, generation, now));
      conditions.add(
          seen.consumerFailure()
              .map(
                  f ->
                      Conditions.of(
                          DEGRADED,
                          true,
                          ConsumerFailure.REASON,
                          truncate(f.describe()),
                          generation,
                          now))
              .orElseGet(() -> degraded(seen.deployment(), generation, now)));
    }
    var status = new EventPipelineStatus();
    status.setObservedGeneration(generation);
    status.setSelector(PipelineMetadata.selector(pipeline));
    status.setReplicas(deploymentStatus.map(DeploymentStatus::getReplicas).orElse(0));
    status.setReadyReplicas(ready);
    status.setConsumerImage(
        seen.deployment().flatMap(PipelineHealth::runningImage).orElse(seen.desiredImage()));
    var previous =
        Optional.ofNullable(pipeline.getStatus()).map(EventPipelineStatus::getConditions);
    status.setConditions(Conditions.keepTransitionTimes(previous.orElse(List.of()), conditions));
    return status;
  }

  /**
   * After a failed reconcile, which is retried with backoff: nothing while the failure is not yet
   * persistent, then the previous status with Degraded set, its reason the exception type and its
   * message the exception message.
   *
   * @param failedAttempts how many reconciles in a row failed, this one included
   */
  public static Optional<EventPipelineStatus> failed(
      EventPipeline pipeline, Exception error, int failedAttempts, Instant now) {
    if (failedAttempts < PERSISTENT_FAILURE_ATTEMPTS) {
      return Optional.empty();
    }
    var previous = Optional.ofNullable(pipeline.getStatus()).orElseGet(EventPipelineStatus::new);
    var cause = rootCause(error);
    var degraded =
        Conditions.of(
            DEGRADED,
            true,
            cause.getClass().getSimpleName(),
            truncate(
                Objects.toString(cause.getMessage(), "")
                    + " (retried with backoff; "
                    + PERSISTENT_FAILURE_ATTEMPTS
                    + " or more attempts failed)"),
            pipeline.getMetadata().getGeneration(),
            now);
    var conditions = new ArrayList<Condition>();
    Optional.ofNullable(previous.getConditions()).orElse(List.of()).stream()
        .filter(c -> !DEGRADED.equals(c.getType()))
        .forEach(conditions::add);
    conditions.add(degraded);
    var status = new EventPipelineStatus();
    status.setObservedGeneration(previous.getObservedGeneration());
    status.setSelector(PipelineMetadata.selector(pipeline));
    status.setReplicas(previous.getReplicas());
    status.setReadyReplicas(previous.getReadyReplicas());
    status.setConsumerImage(previous.getConsumerImage());
    status.setConditions(
        Conditions.keepTransitionTimes(
            Optional.ofNullable(previous.getConditions()).orElse(List.of()), conditions));
    return Optional.of(status);
  }

  private static Optional<String> runningImage(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec())
        .map(spec -> spec.getTemplate())
        .map(template -> template.getSpec())
        .map(pod -> pod.getContainers())
        .flatMap(
            containers ->
                containers.stream()
                    .filter(c -> ConsumerDeployment.CONTAINER.equals(c.getName()))
                    .map(c -> c.getImage())
                    .findFirst());
  }

  private static Condition readiness(int ready, int desired, Long generation, Instant now) {
    if (desired == 0) {
      return Conditions.of(READY, true, "ScaledToZero", "spec.replicas is 0", generation, now);
    }
    var message = ready + "/" + desired + " consumers ready";
    return ready >= desired
        ? Conditions.of(READY, true, "ConsumersReady", message, generation, now)
        : Conditions.of(READY, false, "ConsumersNotReady", message, generation, now);
  }

  private static Condition progressing(
      Optional<Deployment> deployment, int desired, Long generation, Instant now) {
    if (deployment.isEmpty()) {
      return Conditions.of(
          PROGRESSING,
          true,
          "Creating",
          "the consumer Deployment is being created",
          generation,
          now);
    }
    var d = deployment.get();
    var status = Optional.ofNullable(d.getStatus()).orElseGet(DeploymentStatus::new);
    var observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
    var current = observed >= Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L);
    var updated = Optional.ofNullable(status.getUpdatedReplicas()).orElse(0);
    var ready = Optional.ofNullable(status.getReadyReplicas()).orElse(0);
    var total = Optional.ofNullable(status.getReplicas()).orElse(0);
    if (current && updated >= desired && ready >= desired && total <= desired) {
      return Conditions.of(
          PROGRESSING, false, "RolloutComplete", "all consumers run the spec", generation, now);
    }
    return Conditions.of(
        PROGRESSING,
        true,
        "RollingOut",
        updated + "/" + desired + " consumers updated, " + ready + " ready",
        generation,
        now);
  }

  private static Condition degraded(Optional<Deployment> deployment, Long generation, Instant now) {
    return deployment
        .map(Deployment::getStatus)
        .map(DeploymentStatus::getConditions)
        .orElse(List.of())
        .stream()
        .filter(
            c ->
                ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
                    || ("Progressing".equals(c.getType())
                        && "ProgressDeadlineExceeded".equals(c.getReason())))
        .findFirst()
        .map(
            c ->
                Conditions.of(
                    DEGRADED,
                    true,
                    "ReplicaFailure".equals(c.getType()) ? "ReplicaFailure" : c.getReason(),
                    c.getMessage(),
                    generation,
                    now))
        .orElseGet(
            () -> Conditions.of(DEGRADED, false, "AsExpected", "no failure seen", generation, now));
  }

  private static Throwable rootCause(Throwable error) {
    var cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1024) + "…";
  }
}
