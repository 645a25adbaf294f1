package io.batchline.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchline.consumer.table.EncoderSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableMappingSettingsTest {

  @Test
  void resolvesTheMappingAndTheWindow() {
    EncoderSettings settings =
        TableMappingSettings.resolve(
            Optional.of("q=properties.quantity"),
            Optional.of(Duration.ofDays(30)),
            Optional.empty(),
            1000);

    assertThat(settings.columns().columns()).containsOnlyKeys("q");
    assertThat(settings.window().maxAge()).hasValue(Duration.ofDays(30));
    assertThat(settings.window().maxFuture()).isEmpty();
    assertThat(settings.maxEventBytes()).isEqualTo(1000);
    assertThat(
            TableMappingSettings.resolve(Optional.empty(), Optional.empty(), Optional.empty(), 1)
                .window()
                .isOff())
        .isTrue();
  }

  @Test
  void refusesABadMappingOrWindowNamingTheSetting() {
    assertThatThrownBy(
            () ->
                TableMappingSettings.resolve(
                    Optional.of("q=properties..x"), Optional.empty(), Optional.empty(), 1))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("clickhouse.columns entry 'q=properties..x': source must be");
    assertThatThrownBy(
            () ->
                TableMappingSettings.resolve(
                    Optional.empty(), Optional.of(Duration.ofSeconds(-1)), Optional.empty(), 1))
        .hasMessage("event-processing.timestamp-max-age must be positive, got PT-1S");
    assertThatThrownBy(
            () ->
                TableMappingSettings.resolve(
                    Optional.empty(), Optional.empty(), Optional.of(Duration.ZERO), 1))
        .hasMessage("event-processing.timestamp-max-future must be positive, got PT0S");
  }
}
