package io.batchline.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

  private static final PipelineSettings LARGE_BATCHES =
      PipelineSettings.resolve(
          "events",
          "g",
          Optional.empty(),
          OptionalInt.of(10_000),
          OptionalInt.of(1),
          0,
          32L << 20,
          1 << 20,
          Optional.empty(),
          Duration.ofSeconds(25));

  private static DeliverySettings resolve(
      int concurrency, Duration stall, OptionalInt records, OptionalLong bytes) {
    return DeliverySettings.resolve(
        LARGE_BATCHES, concurrency, stall, Duration.ofSeconds(30), records, bytes);
  }

  @Test
  void theBudgetDefaultsToTwoBatchesPerInsertSlotAndTwiceTheBatchBytes() {
    DeliverySettings settings =
        resolve(2, Duration.ofMinutes(10), OptionalInt.empty(), OptionalLong.empty());

    assertThat(settings.budget().maxRecords()).isEqualTo(60_000);
    assertThat(settings.budget().maxBytes()).isEqualTo(64L << 20);
  }

  @Test
  void invalidValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> resolve(0, Duration.ofMinutes(10), OptionalInt.empty(), OptionalLong.empty()))
        .hasMessage("event-processing.insert-concurrency must be between 1 and 16, got 0");
    assertThatThrownBy(() -> resolve(2, Duration.ZERO, OptionalInt.empty(), OptionalLong.empty()))
        .hasMessage("event-processing.stall-timeout must be positive, got PT0S");
    assertThatThrownBy(
            () -> resolve(2, Duration.ofMinutes(1), OptionalInt.of(500), OptionalLong.empty()))
        .hasMessage(
            "event-processing.max-inflight-records must be at least batch-size 10000, got 500");
    assertThatThrownBy(
            () -> resolve(2, Duration.ofMinutes(1), OptionalInt.empty(), OptionalLong.of(1000)))
        .hasMessageStartingWith("event-processing.max-inflight-bytes must be at least");
  }
}
