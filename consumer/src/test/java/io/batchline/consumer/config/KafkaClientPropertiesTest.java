package io.batchline.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

  @Test
  void environmentVariablesBecomeKafkaProperties() {
    assertThat(
            KafkaClientProperties.fromEnvironment(
                Map.of(
                    "KAFKA_PROPERTIES_MAX_POLL_RECORDS", "1000",
                    "KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "x",
                    "PATH", "/bin")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("max.poll.records", "1000", "sasl.jaas.config", "x"));
  }

  @Test
  void settingsTheConsumerManagesAreRefusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                KafkaClientProperties.fromEnvironment(
                    Map.of("KAFKA_PROPERTIES_ENABLE_AUTO_COMMIT", "true")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith(
            "KAFKA_PROPERTIES_ENABLE_AUTO_COMMIT sets enable.auto.commit, which the consumer"
                + " manages itself");
  }
}
