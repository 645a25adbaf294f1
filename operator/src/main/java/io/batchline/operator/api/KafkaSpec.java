package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@ValidationRule(
    value =
        "!has(self.properties) || !has(self.secretProperties)"
            + " || !self.secretProperties.exists(k, k in self.properties)",
    fieldPath = ".secretProperties",
    message =
        "spec.kafka.secretProperties must not name a property that spec.kafka.properties also"
            + " sets")
public class KafkaSpec {

  static final String TOPIC_PATTERN = "^[a-zA-Z0-9._-]{1,249}$";

  /** CEL on a property map: every key is a Kafka client property name. */
  static final String PROPERTY_NAMES_RULE =
      "self.all(k, size(k) <= 128 && k.matches('^[a-z0-9]+([.][a-z0-9]+)*$'))";

  /** CEL on a property name k: a Kafka client property whose value is a secret. */
  static final String SECRET_PROPERTY =
      "k == 'sasl.jaas.config' || k == 'ssl.keystore.key' || k.endsWith('.password')"
          + " || k.endsWith('.secret')";

  /** CEL on a property map: no key is one the consumer sets from the spec itself. */
  static final String NO_MANAGED_PROPERTY_RULE =
      "!self.exists(k, k in ['bootstrap.servers', 'group.id', 'enable.auto.commit',"
          + " 'key.deserializer', 'value.deserializer'])";

  /** host:port pairs separated by commas, as the Kafka client parses bootstrap.servers. */
  public static final String BOOTSTRAP_SERVERS =
      "^\\s*[^\\s,;]+:[0-9]{1,5}(\\s*,\\s*[^\\s,;]+:[0-9]{1,5})*\\s*$";

  @Required
  @Size(min = 1, max = 1024)
  @ValidationRule(
      value = "self.matches(r'" + BOOTSTRAP_SERVERS + "')",
      messageExpression =
          "'spec.kafka.bootstrapServers must be host:port pairs separated by commas, such as"
              + " kafka-0.kafka:9092,kafka-1.kafka:9092; got: ' + self")
  @JsonPropertyDescription("Kafka bootstrap servers, host:port[,host:port...].")
  private String bootstrapServers;

  @Required
  @Pattern(TOPIC_PATTERN)
  @JsonPropertyDescription("The topic to consume.")
  private String topic;

  @Size(min = 1, max = 255)
  @JsonPropertyDescription("Consumer group id. Defaults to batchline.<namespace>.<name>.")
  private String consumerGroup;

  @Pattern(TOPIC_PATTERN)
  @JsonPropertyDescription("Topic for events that cannot be written. Defaults to <topic>.dlq.")
  private String dlqTopic;

  @Min(1)
  @Max(100_000)
  @JsonPropertyDescription(
      "Partitions of the topic, when known. spec.autoscaling.maxReplicas may not exceed it, since"
          + " a consumer beyond the partition count is idle.")
  private Integer partitions;

  @Size(max = 64)
  @ValidationRule(
      value = PROPERTY_NAMES_RULE,
      message =
          "spec.kafka.properties keys must be Kafka client property names such as"
              + " security.protocol: lowercase words separated by dots")
  @ValidationRule(
      value = NO_MANAGED_PROPERTY_RULE,
      message =
          "spec.kafka.properties must not set bootstrap.servers, group.id, enable.auto.commit or"
              + " the deserializers: use spec.kafka.bootstrapServers and spec.kafka.consumerGroup")
  @ValidationRule(
      value = "!self.exists(k, " + SECRET_PROPERTY + ")",
      messageExpression =
          "'spec.kafka.properties must not hold secrets (sasl.jaas.config, ssl.keystore.key,"
              + " *.password, *.secret), which would be stored in a ConfigMap: use"
              + " spec.kafka.secretProperties for ' + self.filter(k, "
              + SECRET_PROPERTY
              + ")[0]")
  @JsonPropertyDescription(
      "Extra Kafka consumer properties. Each one reaches the consumer as the environment variable"
          + " KAFKA_PROPERTIES_<NAME>, NAME being the property in upper case with dots as"
          + " underscores: security.protocol becomes KAFKA_PROPERTIES_SECURITY_PROTOCOL.")
  private Map<String, @Size(max = 4096) String> properties;

  @Size(max = 16)
  @ValidationRule(
      value = PROPERTY_NAMES_RULE,
      message =
          "spec.kafka.secretProperties keys must be Kafka client property names such as"
              + " sasl.jaas.config: lowercase words separated by dots")
  @ValidationRule(
      value = NO_MANAGED_PROPERTY_RULE,
      message =
          "spec.kafka.secretProperties must not set bootstrap.servers, group.id,"
              + " enable.auto.commit or the deserializers")
  @JsonPropertyDescription(
      "Kafka consumer properties whose values are read from Secrets, such as sasl.jaas.config or"
          + " ssl.truststore.password. Each reaches the consumer as the environment variable"
          + " KAFKA_PROPERTIES_<NAME> through a secretKeyRef, so the value is never in the"
          + " EventPipeline or its ConfigMap. A change of the Secret rolls the consumer pods.")
  private Map<String, SecretValue> secretProperties;

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getConsumerGroup() {
    return consumerGroup;
  }

  public void setConsumerGroup(String consumerGroup) {
    this.consumerGroup = consumerGroup;
  }

  public String getDlqTopic() {
    return dlqTopic;
  }

  public void setDlqTopic(String dlqTopic) {
    this.dlqTopic = dlqTopic;
  }

  public Integer getPartitions() {
    return partitions;
  }

  public void setPartitions(Integer partitions) {
    this.partitions = partitions;
  }

  public Map<String, String> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, String> properties) {
    this.properties = properties;
  }

  public Map<String, SecretValue> getSecretProperties() {
    return secretProperties;
  }

  public void setSecretProperties(Map<String, SecretValue> secretProperties) {
    this.secretProperties = secretProperties;
  }
}
