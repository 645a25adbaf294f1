package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.BatchObserver;
import io.batchline.consumer.batch.EventBatcher;
import io.batchline.consumer.batch.PipelineLog;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What the poll loop drives: the Kafka consumer and its topic, the batcher, and who watches. */
public record PollLoopParts(
    KafkaConsumer<byte[], ByteBuffer> consumer,
    String topic,
    EventBatcher batcher,
    TopicIds topicIds,
    LoopState state,
    PipelineLog log,
    BatchObserver observer) {}
