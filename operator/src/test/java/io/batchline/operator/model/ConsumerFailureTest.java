package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerFailureTest {

  private static ContainerStatusBuilder consumer(boolean ready) {
    return new ContainerStatusBuilder()
        .withName("consumer")
        .withReady(ready)
        .withRestartCount(3)
        .withImage("ghcr.io/batchline/consumer:0.1.0")
        .withImageID("")
        .withNewState()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .endWaiting()
        .endState();
  }

  private static Pod pod(String name, ContainerStatusBuilder status) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(status.build())
        .endStatus()
        .build();
  }

  private static ContainerStatusBuilder crashed(int exitCode, String message) {
    return consumer(false)
        .withNewLastState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason("Error")
        .withMessage(message)
        .endTerminated()
        .endLastState();
  }

  @Test
  void aCrashLoopingConsumerIsAFailureWithItsTerminationMessage() {
    var failure = ConsumerFailure.of(List.of(pod("orders-1", crashed(1, "table not found\n"))));

    assertThat(failure).contains(new ConsumerFailure("orders-1", "exited 1", "table not found"));
    assertThat(failure.orElseThrow().describe())
        .isEqualTo("pod orders-1: container consumer exited 1: table not found");
  }

  @Test
  void aMissingDeadLetterTopicReachesTheStatusFromAmongTheFrameworksLines() {
    var log =
        """
        2026-12-06T09:00:00.101Z INFO  [io.quarkus] batchline-consumer 0.1.0 on JVM started in 1.2s
        2026-12-06T09:00:01.734Z ERROR [i.b.c.ConsumerApplication] dead-letter topic 'events.dlq' \
        does not exist: create it (max.message.bytes as large as your largest event) or unset \
        event-processing.dlq-topic
        2026-12-06T09:00:01.790Z INFO  [io.quarkus] batchline-consumer stopped in 0.041s
        """;

    var failure = ConsumerFailure.of(List.of(pod("orders-1", crashed(3, log)))).orElseThrow();

    assertThat(failure.state()).isEqualTo("exited 3");
    assertThat(failure.describe())
        .isEqualTo(
            "pod orders-1: container consumer exited 3: 2026-12-06T09:00:01.734Z ERROR"
                + " [i.b.c.ConsumerApplication] dead-letter topic 'events.dlq' does not exist:"
                + " create it (max.message.bytes as large as your largest event) or unset"
                + " event-processing.dlq-topic");
  }

  @Test
  void withoutAnErrorLineTheEndOfTheTailIsKept() {
    var log = "x".repeat(3000) + "\nthe last words";

    var failure = ConsumerFailure.of(List.of(pod("orders-1", crashed(137, log)))).orElseThrow();

    assertThat(failure.message()).endsWith("the last words").hasSizeLessThan(1030);
  }

  @Test
  void theFirstFailingPodByNameIsReportedSoThatTheStatusIsStable() {
    var pods =
        List.of(pod("orders-b", crashed(1, "second")), pod("orders-a", crashed(137, "first")));

    assertThat(ConsumerFailure.of(pods))
        .get()
        .extracting(ConsumerFailure::pod)
        .isEqualTo("orders-a");
  }

  @Test
  void aConsumerThatRecoveredIsNoFailure() {
    var recovered =
        crashed(1, "transient")
            .withReady(true)
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState();

    assertThat(ConsumerFailure.of(List.of(pod("orders-1", recovered)))).isEmpty();
  }

  @Test
  void aCleanExitOrAStartingPodIsNoFailure() {
    assertThat(ConsumerFailure.of(List.of(pod("orders-1", crashed(0, "drained"))))).isEmpty();
    assertThat(ConsumerFailure.of(List.of(pod("orders-2", consumer(false))))).isEmpty();
    assertThat(
            ConsumerFailure.of(
                List.of(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())))
        .isEmpty();
  }

  @Test
  void anImageThatCannotBePulledIsAFailureWithTheKubeletsMessage() {
    var status =
        consumer(false)
            .withNewState()
            .withNewWaiting()
            .withReason("ErrImageNeverPull")
            .withMessage(
                "Container image \"localhost/nope:1\" is not present with pull policy of Never")
            .endWaiting()
            .endState();

    assertThat(ConsumerFailure.of(List.of(pod("orders-1", status))).orElseThrow().describe())
        .isEqualTo(
            "pod orders-1: container consumer waiting: ErrImageNeverPull: Container image"
                + " \"localhost/nope:1\" is not present with pull policy of Never");
  }

  @Test
  void withoutAMessageItStillSaysHowItExited() {
    var failure = ConsumerFailure.of(List.of(pod("orders-1", crashed(137, null))));

    assertThat(failure.orElseThrow().describe())
        .isEqualTo("pod orders-1: container consumer exited 137");
  }
}
