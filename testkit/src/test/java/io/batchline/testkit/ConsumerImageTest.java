package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerImageTest {

  @Test
  void testsStartTheConsumerWithTheImagesCollectorHeapShapeAndMallocArenas() {
    var image = ConsumerImage.of(LocalStack.findRepoRoot());

    assertThat(image.jvmOptions())
        .containsExactly(
            "-XX:+UseSerialGC", "-XX:NewRatio=1", "-XX:SurvivorRatio=4", "-XX:-UsePerfData");
    assertThat(image.launchOptions(256))
        .as("a 256 MB heap is 75% of a 342 MB limit, from which the JVM sizes its initial heap")
        .containsExactly(
            "-Xmx256m",
            "-XX:MaxRAM=342m",
            "-XX:+UseSerialGC",
            "-XX:NewRatio=1",
            "-XX:SurvivorRatio=4",
            "-XX:-UsePerfData");
    assertThat(image.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
  }

  @Test
  void takesTheJvmOptionsBeforeTheJarButTheHeapShare() {
    var image =
        ConsumerImage.parse(
            """
            ENV LANG=C.UTF-8 \\
                MALLOC_ARENA_MAX=4
            ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseParallelGC", \\
                        "-XX:-UsePerfData", "-XX:NewRatio=2", "-Dx=y", "-jar", "app.jar", \\
                        "-XX:+UseG1GC"]
            """);

    assertThat(image.jvmOptions())
        .containsExactly("-XX:+UseParallelGC", "-XX:-UsePerfData", "-XX:NewRatio=2");
    assertThat(image.heapPercentOfLimit()).isEqualTo(50.0);
    assertThat(image.launchOptions(100))
        .containsExactly(
            "-Xmx100m",
            "-XX:MaxRAM=200m",
            "-XX:+UseParallelGC",
            "-XX:-UsePerfData",
            "-XX:NewRatio=2");
    assertThat(image.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "4"));
  }
}
