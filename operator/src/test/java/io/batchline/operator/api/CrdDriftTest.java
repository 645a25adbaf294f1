package io.batchline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when crds/ no longer matches the CRD generated from the Java classes. Run with
 * {@code -Dbatchline.updateCrds=true} to rewrite crds/ instead.
 */
class CrdDriftTest {

  @Test
  void committedCrdIsTheGeneratedOne() throws IOException {
    var expected = CrdFiles.expectedCommittedText();
    var committed = CrdFiles.committed();
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
