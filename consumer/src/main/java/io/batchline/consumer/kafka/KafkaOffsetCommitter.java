package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.OffsetCommitter;
import io.batchline.consumer.batch.PartitionKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits with {@code commitSync}, on the poll loop's thread (the batcher runs there). The wait is
 * bounded: with the broker down, Kafka's default of 60 s would outlast a pod's grace period. A
 * commit that times out is retried with the next flush, and at worst its rows are replayed.
 */
public final class KafkaOffsetCommitter implements OffsetCommitter {

  static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;

  public KafkaOffsetCommitter(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  @Override
  public void commit(Map<PartitionKey, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = new HashMap<>();
    offsets.forEach(
        (p, offset) ->
            kafkaOffsets.put(
                new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(offset)));
    consumer.commitSync(kafkaOffsets, COMMIT_TIMEOUT);
  }
}
