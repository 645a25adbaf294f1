package io.batchline.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The three condition types of a pipeline and the rules for their transition times. */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  private Conditions() {}

  public static Condition of(
      String type, boolean status, String reason, String message, Long generation, Instant now) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return Optional.ofNullable(conditions).stream()
        .flatMap(List::stream)
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /**
   * Keeps the previous lastTransitionTime of each condition whose status did not change, as the
   * Kubernetes API conventions ask; without it every reconcile would be a status change.
   */
  public static List<Condition> keepTransitionTimes(
      List<Condition> previous, List<Condition> next) {
    return next.stream()
        .map(
            condition ->
                find(previous, condition.getType())
                    .filter(old -> Objects.equals(old.getStatus(), condition.getStatus()))
                    .map(
                        old ->
                            new ConditionBuilder(condition)
                                .withLastTransitionTime(old.getLastTransitionTime())
                                .build())
                    .orElse(condition))
        .toList();
  }
}
