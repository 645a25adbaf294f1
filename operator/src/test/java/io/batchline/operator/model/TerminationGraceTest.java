package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.api.ConsumerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminationGraceTest {

  @Test
  void withTheDefaultsItIsTheDrainAndTheInsertTimeoutPlusTheMargin() {
    assertThat(TerminationGrace.seconds(new ConsumerSpec())).isEqualTo(25 + 30 + 10);
    assertThat(TerminationGrace.seconds(null)).isEqualTo(65);
  }

  @ParameterizedTest(name = "drain {0}s, insert {1}s -> {2}s")
  @CsvSource({"5, 5, 20", "25, 30, 65", "120, 60, 190", "600, 600, 1210"})
  void followsTheTimeoutsTheConsumerIsGiven(int drain, int insert, long grace) {
    var consumer = new ConsumerSpec();
    consumer.setDrainTimeoutSeconds(drain);
    consumer.setInsertTimeoutSeconds(insert);

    assertThat(TerminationGrace.seconds(consumer)).isEqualTo(grace);
  }
}
