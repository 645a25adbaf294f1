package io.batchline.consumer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Kafka connection. Further client properties come from {@code KAFKA_PROPERTIES_*} environment
 * variables, see {@link KafkaClientProperties}.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

  @WithDefault("127.0.0.1:9092")
  String bootstrapServers();
}
