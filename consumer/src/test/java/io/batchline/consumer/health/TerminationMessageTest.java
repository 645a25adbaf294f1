package io.batchline.consumer.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

  @TempDir Path dir;

  @Test
  void replacesWhatTheFileHeldWithTheReason() throws Exception {
    Path file = Files.writeString(dir.resolve("termination-log"), "an older, longer message");

    assertThat(new TerminationMessage(file).write("ClickHouse table check failed: no table"))
        .isTrue();

    assertThat(Files.readString(file)).isEqualTo("ClickHouse table check failed: no table");
  }

  @Test
  void writesNothingWhereKubernetesMountedNoFile() {
    Path missing = dir.resolve("termination-log");

    assertThat(new TerminationMessage(missing).write("reason")).isFalse();

    assertThat(missing).doesNotExist();
  }

  @Test
  void keepsWithinTheBytesKubernetesKeepsWithoutSplittingACharacter() throws Exception {
    Path file = Files.createFile(dir.resolve("termination-log"));
    String reason = "table check failed: " + "é".repeat(3000);

    new TerminationMessage(file).write(reason);

    byte[] written = Files.readAllBytes(file);
    assertThat(written.length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    String text = new String(written, StandardCharsets.UTF_8);
    assertThat(text).startsWith("table check failed: éé").endsWith("é…").doesNotContain("\uFFFD");
  }
}
