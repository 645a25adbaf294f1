package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.OffsetCommitter;
import io.batchline.consumer.batch.PartitionKey;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Commits with {@code commitSync}, on the poll loop's thread (the batcher runs there). */
public final class KafkaOffsetCommitter implements OffsetCommitter {

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
    consumer.commitSync(kafkaOffsets);
  }
}
