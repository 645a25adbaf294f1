package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.model.ConsumerDeployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Both images, read without building them: there is no container runtime on the build host. */
class ContainerfileTest {

  static final List<Path> FILES = List.of(Containerfile.CONSUMER, Containerfile.OPERATOR);

  @ParameterizedTest
  @FieldSource("FILES")
  void runsAsTheNonRootUserThePodsSet(Path file) {
    var users = Containerfile.of(file).all("USER");

    assertThat(users).hasSize(1);
    var uid = users.get(0).split(":")[0];
    assertThat(uid).as("a numeric uid, so that runAsNonRoot can check it").matches("\\d+");
    assertThat(Long.parseLong(uid)).isEqualTo(ConsumerDeployment.RUN_AS_USER).isNotZero();
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void isAJava17RuntimeWithTheHttpPortExposed(Path file) {
    var containerfile = Containerfile.of(file);

    assertThat(containerfile.baseImage()).contains("17").contains("jre").doesNotContain("$");
    assertThat(containerfile.all("EXPOSE"))
        .containsExactly(String.valueOf(ConsumerDeployment.HTTP_PORT));
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void theJvmWritesOnlyToTmpSoTheRootFilesystemCanBeReadOnly(Path file) {
    var entrypoint = Containerfile.of(file).all("ENTRYPOINT");

    assertThat(entrypoint).singleElement().asString().contains("-Djava.io.tmpdir=/tmp");
    assertThat(Containerfile.of(file).all("ENV"))
        .anySatisfy(e -> assertThat(e).contains("HOME=/tmp"));
  }

  @Test
  void theConsumerKeepsTheSerialCollectorAndFewMallocArenasWhateverItsLimits() {
    var consumer = Containerfile.of(Containerfile.CONSUMER);

    assertThat(consumer.all("ENTRYPOINT")).singleElement().asString().contains("-XX:+UseSerialGC");
    assertThat(consumer.all("ENV"))
        .as("glibc arenas per thread would add resident memory the JVM does not see")
        .anySatisfy(e -> assertThat(e).contains("MALLOC_ARENA_MAX=2"));
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void copiesOnlyWhatTheModulesBuildProduces(Path file) {
    assertThat(Containerfile.of(file).copySources())
        .isNotEmpty()
        .allMatch(s -> s.startsWith("target/"));
  }
}
