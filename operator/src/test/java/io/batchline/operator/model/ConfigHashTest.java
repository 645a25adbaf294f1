package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

  @Test
  void isAFixedFunctionOfTheEntries() {
    // sha256("27:EVENT_PROCESSING_BATCH_SIZE3:200"), cut to 16 hex digits. If this changes,
    // every running pipeline rolls when the operator is upgraded.
    assertThat(ConfigHash.of(Map.of("EVENT_PROCESSING_BATCH_SIZE", "200")))
        .isEqualTo(ConfigHash.of(Map.of("EVENT_PROCESSING_BATCH_SIZE", "200")))
        .hasSize(16)
        .isEqualTo("0b9d8f7478aecfb5");
  }

  @Test
  void doesNotDependOnMapOrder() {
    var ab = new LinkedHashMap<String, String>();
    ab.put("A", "1");
    ab.put("B", "2");
    var ba = new LinkedHashMap<String, String>();
    ba.put("B", "2");
    ba.put("A", "1");

    assertThat(ConfigHash.of(ab)).isEqualTo(ConfigHash.of(ba));
  }

  @Test
  void changesWhenAnySettingChanges() {
    var base = ConsumerSettings.environment(TestPipelines.orders());
    var changed = TestPipelines.orders();
    changed.getSpec().getBatch().setSize(201);

    assertThat(ConfigHash.of(ConsumerSettings.environment(changed)))
        .isNotEqualTo(ConfigHash.of(base));
  }

  @Test
  void sameConfigurationFromTwoBuildsHashesTheSame() {
    assertThat(ConfigHash.of(ConsumerSettings.environment(TestPipelines.orders())))
        .isEqualTo(ConfigHash.of(ConsumerSettings.environment(TestPipelines.orders())));
  }

  @Test
  void keysAndValuesCannotBeShiftedIntoEachOther() {
    assertThat(ConfigHash.of(Map.of("AB", "C"))).isNotEqualTo(ConfigHash.of(Map.of("A", "BC")));
  }
}
