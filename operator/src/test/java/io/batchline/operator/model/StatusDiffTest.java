package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.api.EventPipelineStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDiffTest {

  private static EventPipelineStatus status(int ready, String reason) {
    var status = new EventPipelineStatus();
    status.setObservedGeneration(4L);
    status.setReadyReplicas(ready);
    status.setConditions(List.of(Conditions.of("Ready", true, reason, "m", 4L, Instant.EPOCH)));
    return status;
  }

  @Test
  void equalStatusesAreNoChange() {
    assertThat(StatusDiff.changed(status(1, "ConsumersReady"), status(1, "ConsumersReady")))
        .isFalse();
  }

  @Test
  void anyFieldOrConditionDifferenceIsAChange() {
    assertThat(StatusDiff.changed(status(1, "ConsumersReady"), status(2, "ConsumersReady")))
        .isTrue();
    assertThat(StatusDiff.changed(status(1, "ConsumersReady"), status(1, "ScaledToZero"))).isTrue();
    assertThat(StatusDiff.changed(null, status(1, "ConsumersReady"))).isTrue();
  }
}
