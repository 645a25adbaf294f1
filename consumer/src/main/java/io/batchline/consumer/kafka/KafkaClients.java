package io.batchline.consumer.kafka;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * The consumer's three Kafka clients, built from the bootstrap servers and the user's extra
 * properties ({@code KAFKA_PROPERTIES_*}). Each client gets only the properties it knows, so
 * credentials reach all three and none warns about the others' settings.
 */
public final class KafkaClients {

  private final String bootstrapServers;
  private final Map<String, String> extra;

  public KafkaClients(String bootstrapServers, Map<String, String> extra) {
    this.bootstrapServers = bootstrapServers;
    this.extra = extra;
  }

  /**
   * Offsets are committed by the consumer itself, after the insert; aborted transactions are not
   * read unless the user asks for {@code isolation.level=read_uncommitted}. Values come as views
   * into the fetched bytes, not copies ({@link ConsumedRecords}).
   */
  public KafkaConsumer<byte[], ByteBuffer> consumer(String groupId, int maxPollRecords) {
    Properties props = new Properties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    props.putAll(only(ConsumerConfig.configNames()));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  /**
   * The dead-letter producer: idempotent, acknowledged by all replicas, never blocking long on a
   * missing topic (the batch then waits and is retried), and able to send the largest record the
   * topic takes.
   */
  public KafkaProducer<byte[], byte[]> deadLetterProducer(int maxRequestSize) {
    Map<String, Object> props = new HashMap<>(only(ProducerConfig.configNames()));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  public Admin admin() {
    Map<String, Object> props = new HashMap<>(only(AdminClientConfig.configNames()));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "batchline-admin");
    return Admin.create(props);
  }

  private Map<String, String> only(java.util.Set<String> names) {
    Map<String, String> result = new HashMap<>();
    extra.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            result.put(name, value);
          }
        });
    return result;
  }
}
