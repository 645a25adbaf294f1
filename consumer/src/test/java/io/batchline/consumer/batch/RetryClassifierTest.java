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
  @ValueSource(ints = {159, 209, 210, 252, 319, 60, 516, 999, 12345})
  void serverErrorsThatNoSingleRowCausesAreRetried(int code) {
    assertThat(classifier.classify(new SinkException("boom", code, null)))
        .isEqualTo(Failure.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {27, 53, 117, 6, 41, 395})
  void dataErrorsAreBisectedToTheRejectedRows(int code) {
    assertThat(classifier.classify(new SinkException("bad row", code, null)))
        .isEqualTo(Failure.REJECTED_ROWS);
  }

  @Test
  void networkFailuresWithoutACodeAreRetried() {
    assertThat(classifier.classify(new SinkException("down", new ConnectException("refused"))))
        .isEqualTo(Failure.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 10, 16, 32, 33, 47})
  void errorsOfColumnsThatChangedUnderUsAreSchemaChanges(int code) {
    assertThat(classifier.classify(new SinkException("no such column", code, null)))
        .isEqualTo(Failure.SCHEMA_CHANGED);
  }

  @Test
  void tooManyPartitionsInOneInsertIsSplitNotRetried() {
    assertThat(
            classifier.classify(
                new SinkException(
                    "Code: 252. DB::Exception: Too many partitions for single INSERT block (more"
                        + " than 100).",
                    252,
                    null)))
        .isEqualTo(Failure.TOO_MANY_PARTITIONS);
    assertThat(
            classifier.classify(
                new SinkException(
                    "Code: 252. DB::Exception: Too many parts (300). Merges are processing"
                        + " significantly slower than inserts",
                    252,
                    null)))
        .isEqualTo(Failure.TRANSIENT);
  }
}
