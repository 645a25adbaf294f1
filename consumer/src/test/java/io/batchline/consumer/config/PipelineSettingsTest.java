package io.batchline.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

  private static PipelineSettings resolve(
      Optional<String> preset, OptionalInt size, OptionalInt flush) {
    return PipelineSettings.resolve(
        "events",
        "group",
        preset,
        size,
        flush,
        0,
        1 << 20,
        1 << 16,
        Optional.empty(),
        Duration.ofSeconds(25));
  }

  private static PipelineSettings resolve(
      String topic, int rateLimit, long batchMaxBytes, int maxEventBytes, Optional<String> dlq) {
    return PipelineSettings.resolve(
        topic,
        "g",
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        rateLimit,
        batchMaxBytes,
        maxEventBytes,
        dlq,
        Duration.ofSeconds(1));
  }

  @Test
  void defaultsToTheBalancedPreset() {
    PipelineSettings settings = resolve(Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    assertThat(settings.batchSize()).isEqualTo(200);
    assertThat(settings.batchFlushSeconds()).isEqualTo(5);
    assertThat(settings.rollbackMode()).isFalse();
  }

  @Test
  void presetsComeFromTheSeedsTuningTable() {
    assertThat(resolve(Optional.of("high-throughput"), OptionalInt.empty(), OptionalInt.empty()))
        .extracting(PipelineSettings::batchSize, PipelineSettings::batchFlushSeconds)
        .containsExactly(500, 10);
    assertThat(resolve(Optional.of("low-latency"), OptionalInt.empty(), OptionalInt.empty()))
        .extracting(PipelineSettings::batchSize, PipelineSettings::batchFlushSeconds)
        .containsExactly(100, 2);
  }

  @Test
  void explicitValuesOverrideThePresetAndRollbackModeIsRecognised() {
    PipelineSettings settings =
        resolve(Optional.of("high-throughput"), OptionalInt.of(1), OptionalInt.of(0));
    assertThat(settings.rollbackMode()).isTrue();
  }

  @Test
  void refusesInvalidValuesWithOneLineNamingTheSetting() {
    assertThatThrownBy(() -> resolve(Optional.empty(), OptionalInt.of(-5), OptionalInt.empty()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("event-processing.batch-size must be between 1 and 1000000, got -5");
    assertThatThrownBy(() -> resolve(Optional.empty(), OptionalInt.empty(), OptionalInt.of(3601)))
        .hasMessage("event-processing.batch-flush-seconds must be between 0 and 3600, got 3601");
    assertThatThrownBy(() -> resolve(Optional.of("fast"), OptionalInt.empty(), OptionalInt.empty()))
        .hasMessageStartingWith("event-processing.preset must be one of");
    assertThatThrownBy(() -> resolve(" ", 0, 1 << 20, 1024, Optional.empty()))
        .hasMessage("event-processing.topic must not be empty");
    assertThatThrownBy(() -> resolve("t", -1, 1 << 20, 1024, Optional.empty()))
        .hasMessageStartingWith("event-processing.rate-limit");
    assertThatThrownBy(() -> resolve("t", 0, 4096, 8192, Optional.empty()))
        .hasMessage("event-processing.max-event-bytes must be between 1 and 4096, got 8192");
    assertThatThrownBy(() -> resolve("t", 0, 4096, 1024, Optional.of("t")))
        .hasMessageStartingWith("event-processing.dlq-topic must differ");
  }

  @Test
  void flexpriceNamesAreAliasesOfTheEventProcessingSettings() {
    FlexpriceAliasConfigSource source =
        new FlexpriceAliasConfigSource(
            Map.of(
                "FLEXPRICE_EVENT_PROCESSING_BATCH_SIZE", "300",
                "FLEXPRICE_EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "7",
                "PATH", "/usr/bin"));
    assertThat(source.getProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "event-processing.batch-size", "300",
                "event-processing.batch-flush-seconds", "7"));
    assertThat(source.getOrdinal()).isLessThan(300);
  }

  @Test
  void kafkaPropertiesComeFromPrefixedEnvironmentVariables() {
    assertThat(
            KafkaClientProperties.fromEnvironment(
                Map.of(
                    "KAFKA_PROPERTIES_MAX_POLL_RECORDS", "1000",
                    "KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                    "KAFKA_BOOTSTRAP_SERVERS", "x:9092")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("max.poll.records", "1000", "security.protocol", "SASL_SSL"));
  }
}
