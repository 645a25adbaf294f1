package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.DeadLetterSink;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Sends rejected records to the dead-letter topic, with headers that say why and where from (see
 * {@link DeadLetterRecords}). A record always fits: one larger than the topic allows goes with its
 * payload truncated, and one the broker still refuses as too large goes with headers only. Any
 * other failure (broker down, topic deleted) fails the send, so the batch waits and is retried.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private static final long ACK_TIMEOUT_SECONDS = 30;

  private final Producer<byte[], byte[]> producer;
  private final DeadLetterRecords records;

  public KafkaDeadLetterSink(Producer<byte[], byte[]> producer, DeadLetterRecords records) {
    this.producer = producer;
    this.records = records;
  }

  @Override
  public void send(List<Rejection> rejections) throws SinkException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rejections.size());
    for (Rejection rejection : rejections) {
      acks.add(producer.send(records.fitting(rejection)));
    }
    for (int i = 0; i < acks.size(); i++) {
      try {
        await(acks.get(i));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RecordTooLargeException)) {
          throw failed(e);
        }
        resendWithoutPayload(rejections.get(i));
      }
    }
  }

  private void resendWithoutPayload(Rejection rejection) throws SinkException {
    ProducerRecord<byte[], byte[]> headersOnly = records.withoutPayload(rejection);
    try {
      await(producer.send(headersOnly));
    } catch (ExecutionException e) {
      throw failed(e);
    }
  }

  private void await(Future<RecordMetadata> ack) throws ExecutionException, SinkException {
    try {
      ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new SinkException(
          "dead-letter topic "
              + records.topic()
              + " did not ack within "
              + ACK_TIMEOUT_SECONDS
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while dead-lettering", e);
    }
  }

  private SinkException failed(ExecutionException e) {
    return new SinkException(
        "dead-letter topic " + records.topic() + " did not ack: " + e.getCause(), e.getCause());
  }

  @Override
  public void close() {
    producer.close();
  }
}
