package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * After mvn package: every file the Containerfiles copy exists, so an image build on a machine with
 * a container runtime finds them. The consumer's only when the consumer module was packaged too.
 */
class ContainerfileSourcesIT {

  @Test
  void theOperatorImageFindsTheJarAndItsLibraries() {
    var containerfile = Containerfile.of(Containerfile.OPERATOR);

    assertThat(containerfile.copySources()).allMatch(containerfile::exists, "exists after package");
  }

  @Test
  void theConsumerImageFindsTheQuarkusApp() {
    var containerfile = Containerfile.of(Containerfile.CONSUMER);
    assumeTrue(
        containerfile.moduleRoot().resolve("target/quarkus-app").toFile().isDirectory(),
        "the consumer module was not packaged in this build");

    assertThat(containerfile.copySources()).allMatch(containerfile::exists, "exists after package");
  }
}
