package io.batchline.operator.model;

import io.batchline.operator.api.EventPipelineStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Kubernetes Events that a status change is worth: one per condition whose status or reason
 * changed, so that {@code kubectl describe} and {@code kubectl get events} tell the pipeline's
 * story. A condition that only changed its message (such as "1/3 consumers ready" becoming "2/3")
 * is not an event.
 */
public final class StatusEvents {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /** One Event: its type (Normal or Warning), its reason and its message. */
  public record PipelineEvent(String type, String reason, String message) {}

  private StatusEvents() {}

  public static List<PipelineEvent> between(
      EventPipelineStatus previous, EventPipelineStatus next) {
    var before = Optional.ofNullable(previous).map(EventPipelineStatus::getConditions);
    return Optional.ofNullable(next)
        .map(EventPipelineStatus::getConditions)
        .orElse(List.of())
        .stream()
        .filter(
            condition ->
                Conditions.find(before.orElse(List.of()), condition.getType())
                    .map(old -> changed(old, condition))
                    .orElse(true))
        .map(StatusEvents::event)
        .toList();
  }

  /** The conditions in one line, {@code Ready=True/ConsumersReady ...}, for the reconcile log. */
  public static String summary(EventPipelineStatus status) {
    return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
        .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
        .collect(Collectors.joining(" "));
  }

  private static boolean changed(Condition old, Condition next) {
    return !Objects.equals(old.getStatus(), next.getStatus())
        || !Objects.equals(old.getReason(), next.getReason());
  }

  private static PipelineEvent event(Condition condition) {
    return new PipelineEvent(
        bad(condition) ? WARNING : NORMAL,
        condition.getReason(),
        condition.getType() + "=" + condition.getStatus() + ": " + condition.getMessage());
  }

  /** Degraded, or not Ready for a reason that needs a person (not a rollout in progress). */
  private static boolean bad(Condition condition) {
    var isTrue = "True".equals(condition.getStatus());
    return switch (condition.getType()) {
      case Conditions.DEGRADED -> isTrue;
      case Conditions.READY -> !isTrue && !"ConsumersNotReady".equals(condition.getReason());
      default -> false;
    };
  }
}
