package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerImageTest {

  @Test
  void testsStartTheConsumerWithTheImagesCollectorAndMallocArenas() {
    var image = ConsumerImage.of(LocalStack.findRepoRoot());

    assertThat(image.jvmOptions()).containsExactly("-XX:+UseSerialGC");
    assertThat(image.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
  }

  @Test
  void takesOnlyCollectorChoicesBeforeTheJarAndMallocVariables() {
    var image =
        ConsumerImage.parse(
            """
            ENV LANG=C.UTF-8 \\
                MALLOC_ARENA_MAX=4
            ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", \\
                        "-Dx=y", "-jar", "app.jar", "-XX:+UseG1GC"]
            """);

    assertThat(image.jvmOptions()).containsExactly("-XX:+UseParallelGC");
    assertThat(image.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "4"));
  }
}
