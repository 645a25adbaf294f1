package io.batchline.consumer.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extra Kafka client properties from the environment: {@code
 * KAFKA_PROPERTIES_MAX_POLL_RECORDS=1000} becomes {@code max.poll.records=1000}. Kafka property
 * names use only dots, so the mapping is unambiguous.
 */
public final class KafkaClientProperties {

  static final String PREFIX = "KAFKA_PROPERTIES_";

  private KafkaClientProperties() {}

  public static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
            properties.put(
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return properties;
  }
}
