package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  private final EventGenerator generator = new EventGenerator("run", 50, 1_764_201_600_000L);

  @Test
  void eventsAreDeterministicAndIdsUnique() {
    assertThat(generator.json(42))
        .isEqualTo(new EventGenerator("run", 50, 1_764_201_600_000L).json(42));
    Set<String> ids = new HashSet<>();
    LongStream.range(0, 10_000).forEach(n -> ids.add(generator.id(n)));
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void customersCycleAndQuantitiesStayInRange() {
    assertThat(generator.customer(0)).isEqualTo("cust-0000");
    assertThat(generator.customer(50)).isEqualTo("cust-0000");
    assertThat(LongStream.range(0, 1000).map(generator::quantity)).allMatch(q -> q >= 1 && q <= 10);
    assertThat(generator.json(7)).contains("\"quantity\":" + generator.quantity(7));
  }
}
