package io.batchline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when crds/, or its copy in the Helm chart, no longer matches the CRD generated
 * from the Java classes. Run with {@code -Dbatchline.updateCrds=true} to rewrite both instead.
 */
class CrdDriftTest {

  @ParameterizedTest
  @MethodSource("io.batchline.operator.api.CrdFiles#committedCopies")
  void committedCrdIsTheGeneratedOne(Path committed) throws IOException {
    var expected = CrdFiles.expectedCommittedText();
    if (Boolean.getBoolean("batchline.updateCrds")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, expected);
    }

    assertThat(committed).exists();
    assertThat(Files.readString(committed))
        .as(
            "%s drifted from the Java classes; run: mvn -pl operator test -Dtest=CrdDriftTest"
                + " -Dbatchline.updateCrds=true",
            committed)
        .isEqualTo(expected);
  }
}
