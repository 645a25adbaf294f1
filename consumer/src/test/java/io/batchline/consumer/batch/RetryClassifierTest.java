package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.RetryClassifier.Failure;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryClassifierTest {

  private final RetryClassifier classifier = new RetryClassifier();

  @ParameterizedTest
  @ValueSource(ints = {159, 209, 210, 252, 319, 60, 16, 516, 999, 12345})
  void serverErrorsThatNoSingleRowCausesAreRetried(int code) {
    assertThat(classifier.classify(new SinkException("boom", code, null)))
        .isEqualTo(Failure.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {27, 53, 117, 6, 41})
  void dataErrorsAreBisectedToTheRejectedRows(int code) {
    assertThat(classifier.classify(new SinkException("bad row", code, null)))
        .isEqualTo(Failure.REJECTED_ROWS);
  }

  @Test
  void networkFailuresWithoutACodeAreRetried() {
    assertThat(classifier.classify(new SinkException("down", new ConnectException("refused"))))
        .isEqualTo(Failure.TRANSIENT);
  }
}
