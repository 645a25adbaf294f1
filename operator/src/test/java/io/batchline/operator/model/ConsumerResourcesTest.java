package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.api.ConsumerSpec;
import io.batchline.operator.api.ContainerResources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerResourcesTest {

  private static ConsumerSpec with(String requestCpu, String limitCpu) {
    var consumer = new ConsumerSpec();
    consumer.setResources(
        new ContainerResources(
            Map.of("cpu", new Quantity(requestCpu)), Map.of("cpu", new Quantity(limitCpu))));
    return consumer;
  }

  @Test
  void defaultsSetBothRequestsAndLimits() {
    var resources = ConsumerResources.of(new ConsumerSpec());

    assertThat(resources.getRequests())
        .containsEntry("cpu", new Quantity("250m"))
        .containsEntry("memory", new Quantity("512Mi"));
    assertThat(resources.getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("1Gi"));
    assertThat(ConsumerResources.problems(new ConsumerSpec())).isEmpty();
  }

  @Test
  void givenRequestsOrLimitsReplaceTheirDefaultsAsAWhole() {
    var consumer = new ConsumerSpec();
    consumer.setResources(new ContainerResources(null, Map.of("memory", new Quantity("2Gi"))));

    var resources = ConsumerResources.of(consumer);

    assertThat(resources.getLimits()).containsOnlyKeys("memory");
    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
  }

  @Test
  void aRequestAboveItsLimitIsAProblemNamingTheField() {
    assertThat(ConsumerResources.problems(with("3", "2")))
        .singleElement()
        .asString()
        .contains("spec.consumer.resources.requests.cpu");
    assertThat(ConsumerResources.problems(with("1500m", "2"))).isEmpty();
  }

  @Test
  void aValueThatIsNoQuantityIsAProblem() {
    assertThat(ConsumerResources.problems(with("lots", "2")))
        .singleElement()
        .asString()
        .contains("not a quantity");
  }
}
