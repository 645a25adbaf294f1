package io.batchline.consumer.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Extra Kafka client properties from the environment: {@code
 * KAFKA_PROPERTIES_MAX_POLL_RECORDS=1000} becomes {@code max.poll.records=1000}. Kafka property
 * names use only dots, so the mapping is unambiguous. Properties the consumer must control itself
 * are refused: offsets are committed only after ClickHouse acknowledged the rows.
 */
public final class KafkaClientProperties {

  static final String PREFIX = "KAFKA_PROPERTIES_";

  /** Set by the consumer; an override would break its delivery guarantees. */
  static final Set<String> MANAGED =
      Set.of("enable.auto.commit", "group.id", "key.deserializer", "value.deserializer");

  private KafkaClientProperties() {}

  public static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
            String property =
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (MANAGED.contains(property)) {
              throw new InvalidSettingException(
                  name
                      + " sets "
                      + property
                      + ", which the consumer manages itself (offsets are committed only after"
                      + " ClickHouse acknowledged the rows); remove it");
            }
            properties.put(property, value);
          }
        });
    return properties;
  }
}
