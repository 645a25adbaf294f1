package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.DeadLetterSink;
import io.batchline.consumer.batch.Rejection;
import io.batchline.consumer.batch.SinkException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends rejected records, unchanged, to the dead-letter topic. Headers say why and where from:
 * {@code batchline.reason}, {@code batchline.error}, {@code batchline.source.topic}, {@code
 * batchline.source.partition}, {@code batchline.source.offset}.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  public static final String REASON = "batchline.reason";
  public static final String ERROR = "batchline.error";
  public static final String SOURCE_TOPIC = "batchline.source.topic";
  public static final String SOURCE_PARTITION = "batchline.source.partition";
  public static final String SOURCE_OFFSET = "batchline.source.offset";
  private static final int MAX_ERROR_CHARS = 1000;

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  @Override
  public void send(List<Rejection> rejections) throws SinkException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rejections.size());
    for (Rejection rejection : rejections) {
      acks.add(producer.send(toRecord(rejection)));
    }
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new SinkException("dead-letter topic " + topic + " did not ack: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while dead-lettering", e);
    }
  }

  private ProducerRecord<byte[], byte[]> toRecord(Rejection rejection) {
    var source = rejection.record();
    var headers = new RecordHeaders();
    headers.add(REASON, utf8(rejection.reason().label()));
    String detail = String.valueOf(rejection.detail());
    headers.add(
        ERROR,
        utf8(detail.length() > MAX_ERROR_CHARS ? detail.substring(0, MAX_ERROR_CHARS) : detail));
    headers.add(SOURCE_TOPIC, utf8(source.partition().topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition().partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    return new ProducerRecord<>(topic, null, null, null, source.value(), headers);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
