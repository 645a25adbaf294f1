package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.api.BatchSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminationGraceTest {

  @ParameterizedTest(name = "size {0}, flush {1}s -> {2}s")
  @CsvSource({
    "1, 0, 70", // rollback mode
    "100, 2, 72", // low-latency
    "200, 5, 75", // balanced
    "500, 10, 80", // high-throughput
    "1000, 3600, 3670" // the longest flush interval allowed
  })
  void isFlushSecondsPlusTwoInsertTimeoutsPlusCommit(int size, int flushSeconds, long grace) {
    var batch = new BatchSpec();
    batch.setSize(size);
    batch.setFlushSeconds(flushSeconds);

    assertThat(TerminationGrace.seconds(batch)).isEqualTo(grace);
  }

  @ParameterizedTest
  @CsvSource({"0", "5", "600"})
  void neverLeavesLessThanTwoInsertTimeoutsAfterTheFlushInterval(int flushSeconds) {
    var batch = new BatchSpec();
    batch.setFlushSeconds(flushSeconds);

    assertThat(TerminationGrace.seconds(batch))
        .isGreaterThanOrEqualTo(flushSeconds + 2L * TerminationGrace.INSERT_TIMEOUT_SECONDS);
  }
}
