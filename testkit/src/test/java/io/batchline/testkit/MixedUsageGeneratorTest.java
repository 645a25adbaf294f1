package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixedUsageGeneratorTest {

  private final MixedUsageGenerator generator = new MixedUsageGenerator("run", 50, 1_764_547_200L);

  @Test
  void eventsAreDeterministicAndCarryEveryColumnsField() {
    String event = generator.json(7);

    assertThat(event).isEqualTo(new MixedUsageGenerator("run", 50, 1_764_547_200L).json(7));
    assertThat(event)
        .startsWith("{\"event_id\":\"" + generator.id(7) + "\"")
        .contains("\"usage\":{\"quantity\":\"" + generator.quantity(7) + "\"")
        .contains("\"occurred_at\":1764547207007")
        .contains("\"day\":\"2025-12-01\"")
        .contains("\"tier\":\"pro\"")
        .contains("\"client_ip\":\"10.0.0.7\"")
        .contains("\"client_version\":\"v1.7.0\"")
        .endsWith("\"properties\":{\"request_path\":\"/v1/usage/7\",\"sdk\":\"java\"}}");
    assertThat(generator.json(5)).contains("\"tier\":null");
  }

  @Test
  void idsAreDistinctAcrossEventsAndRuns() {
    assertThat(generator.id(1)).isNotEqualTo(generator.id(2));
    assertThat(generator.id(1)).isNotEqualTo(new MixedUsageGenerator("other", 50, 0).id(1));
  }
}
