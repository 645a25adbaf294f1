package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.batchline.operator.api.EventPipelineStatus;
import io.batchline.operator.model.StatusEvents.PipelineEvent;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static EventPipelineStatus status(String ready, String progressing, String degraded) {
    var status = new EventPipelineStatus();
    status.setConditions(
        List.of(
            condition(Conditions.READY, ready),
            condition(Conditions.PROGRESSING, progressing),
            condition(Conditions.DEGRADED, degraded)));
    return status;
  }

  /** "True/Reason" as a condition. */
  private static Condition condition(String type, String value) {
    var parts = value.split("/");
    return Conditions.of(type, parts[0].equals("True"), parts[1], type + " message", 1L, NOW);
  }

  @Test
  void theFirstStatusAnnouncesEveryCondition() {
    var events =
        StatusEvents.between(
            null, status("False/SecretNotFound", "True/Creating", "True/SecretNotFound"));

    assertThat(events)
        .extracting(PipelineEvent::type, PipelineEvent::reason)
        .containsExactly(
            tuple("Warning", "SecretNotFound"),
            tuple("Normal", "Creating"),
            tuple("Warning", "SecretNotFound"));
  }

  @Test
  void onlyAChangedStatusOrReasonIsAnEvent() {
    var before = status("False/ConsumersNotReady", "True/RollingOut", "False/AsExpected");
    var after = status("True/ConsumersReady", "True/RollingOut", "False/AsExpected");

    assertThat(StatusEvents.between(before, after))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("Normal");
              assertThat(e.reason()).isEqualTo("ConsumersReady");
              assertThat(e.message()).isEqualTo("Ready=True: Ready message");
            });
    assertThat(StatusEvents.between(after, after)).isEmpty();
  }

  @Test
  void consumersStartingIsNoWarningButAFailureIs() {
    var starting = status("False/ConsumersNotReady", "True/RollingOut", "False/AsExpected");
    var failing = status("False/ConsumersNotReady", "True/RollingOut", "True/ConsumerFailed");

    assertThat(StatusEvents.between(null, starting))
        .extracting(PipelineEvent::type)
        .containsOnly("Normal");
    assertThat(StatusEvents.between(starting, failing))
        .singleElement()
        .extracting(PipelineEvent::type)
        .isEqualTo("Warning");
  }

  @Test
  void theSummaryIsOneLine() {
    assertThat(
            StatusEvents.summary(
                status("True/ConsumersReady", "False/RolloutComplete", "False/AsExpected")))
        .isEqualTo(
            "Ready=True/ConsumersReady Progressing=False/RolloutComplete Degraded=False/AsExpected");
  }
}
