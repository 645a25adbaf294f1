package io.batchline.operator.model;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Why a consumer pod keeps failing: its container's last termination, or a container that cannot
 * start at all (an image that does not exist or cannot be pulled). A consumer that exits on a
 * startup error (a bad ClickHouse URL, a missing table) writes its reason as its termination
 * message, which is what the user needs to see in the pipeline's status rather than in the pod's.
 * Without one (an older image, a crash), terminationMessagePolicy FallbackToLogsOnError makes the
 * message the tail of the log, which holds more than the reason (the framework's startup and
 * shutdown lines), so the last line logged at ERROR is kept when there is one, and the end of the
 * tail otherwise.
 *
 * @param pod the failing pod, the first by name, so that the status stays the same while several
 *     fail
 * @param state how the container failed: {@code exited 1}, or {@code waiting: ErrImagePull}
 */
public record ConsumerFailure(String pod, String state, String message) {

  public static final String REASON = "ConsumerFailed";

  static final int MAX_MESSAGE = 1024;

  private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+(ERROR|FATAL)\\s.*$");

  /** Waiting reasons that no amount of waiting fixes: the pod spec must change. */
  static final Set<String> CANNOT_START =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "ErrImageNeverPull",
          "InvalidImageName",
          "CreateContainerError");

  /**
   * The failure of the first pod whose consumer container is not ready and either last exited
   * non-zero or cannot start. A container that failed once but runs and is ready again is not a
   * failure.
   */
  public static Optional<ConsumerFailure> of(Collection<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .flatMap(
            pod ->
                pod.getStatus().getContainerStatuses().stream()
                    .filter(c -> ConsumerDeployment.CONTAINER.equals(c.getName()))
                    .filter(c -> !Boolean.TRUE.equals(c.getReady()))
                    .flatMap(c -> failure(pod, c).stream()))
        .findFirst();
  }

  /** The condition message: which pod, how it failed, and what it said. */
  public String describe() {
    var said = message.isBlank() ? "" : ": " + message.strip();
    return "pod " + pod + ": container " + ConsumerDeployment.CONTAINER + " " + state + said;
  }

  private static Optional<ConsumerFailure> failure(Pod pod, ContainerStatus status) {
    var name = pod.getMetadata().getName();
    return lastFailedTermination(status)
        .map(
            t ->
                new ConsumerFailure(
                    name,
                    "exited " + t.getExitCode(),
                    summary(Objects.toString(t.getMessage(), ""))))
        .or(
            () ->
                cannotStart(status)
                    .map(
                        w ->
                            new ConsumerFailure(
                                name,
                                "waiting: " + w.getReason(),
                                Objects.toString(w.getMessage(), ""))));
  }

  private static Optional<ContainerStateTerminated> lastFailedTermination(ContainerStatus status) {
    return Stream.of(status.getState(), status.getLastState())
        .filter(Objects::nonNull)
        .map(s -> s.getTerminated())
        .filter(t -> t != null && t.getExitCode() != null && t.getExitCode() != 0)
        .findFirst();
  }

  private static Optional<ContainerStateWaiting> cannotStart(ContainerStatus status) {
    return Optional.ofNullable(status.getState())
        .map(s -> s.getWaiting())
        .filter(w -> CANNOT_START.contains(w.getReason()));
  }

  /** The last ERROR line of a termination message, or else its end. */
  static String summary(String terminationMessage) {
    var lines = terminationMessage.strip().lines().toList();
    for (var i = lines.size() - 1; i >= 0; i--) {
      if (ERROR_LINE.matcher(lines.get(i)).matches()) {
        return lines.get(i).strip();
      }
    }
    var text = terminationMessage.strip();
    return text.length() <= MAX_MESSAGE ? text : "…" + text.substring(text.length() - MAX_MESSAGE);
  }
}
