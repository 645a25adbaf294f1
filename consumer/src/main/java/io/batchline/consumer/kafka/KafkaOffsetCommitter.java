package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.CommitPosition;
import io.batchline.consumer.batch.OffsetCommitter;
import io.batchline.consumer.batch.PartitionKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits with {@code commitSync}, on the poll loop's thread (the batcher runs there). The wait is
 * bounded: with the broker down, Kafka's default of 60 s would outlast a pod's grace period. A
 * commit that times out is retried, and at worst its rows are replayed.
 */
public final class KafkaOffsetCommitter implements OffsetCommitter {

  static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], ByteBuffer> consumer;

  public KafkaOffsetCommitter(KafkaConsumer<byte[], ByteBuffer> consumer) {
    this.consumer = consumer;
  }

  @Override
  public void commit(Map<PartitionKey, CommitPosition> positions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    positions.forEach(
        (p, position) ->
            offsets.put(
                new TopicPartition(p.topic(), p.partition()),
                new OffsetAndMetadata(position.offset(), position.metadata())));
    consumer.commitSync(offsets, COMMIT_TIMEOUT);
  }
}
