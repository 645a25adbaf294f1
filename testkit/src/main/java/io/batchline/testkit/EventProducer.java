package io.batchline.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces generated events with acks=all and fails loudly if any send fails. */
public final class EventProducer implements AutoCloseable {

  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final Set<String> writableTopics = new HashSet<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public EventProducer(String bootstrapServers) {
    this(bootstrapServers, 1_048_576);
  }

  /**
   * @param maxRequestSize the largest record this producer may send, for topics that take more than
   *     Kafka's default of 1 MiB
   */
  public EventProducer(String bootstrapServers, int maxRequestSize) {
    this.bootstrapServers = bootstrapServers;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                "10",
                ProducerConfig.BATCH_SIZE_CONFIG,
                "131072",
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(maxRequestSize),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
  }

  /**
   * Sends events {@code from} until {@code from + count}, keyed by customer, at most {@code
   * ratePerSecond} per second when that is positive; calls {@code progress} every 10% or so.
   */
  public void produce(
      String topic,
      EventGenerator generator,
      long from,
      long count,
      int ratePerSecond,
      LongConsumer progress) {
    produce(topic, generator, from, count, ratePerSecond, progressStep(count), progress);
  }

  /** About 10% of {@code count}: how often the overloads without a step report progress. */
  static long progressStep(long count) {
    return Math.max(1, count / 10);
  }

  /** As above, calling {@code progress} with the number sent so far every {@code step} events. */
  public void produce(
      String topic,
      EventGenerator generator,
      long from,
      long count,
      int ratePerSecond,
      long step,
      LongConsumer progress) {
    produce(
        topic, generator::customer, generator::json, from, count, ratePerSecond, step, progress);
  }

  /** Events {@code from..from+count-1} of any shape: {@code key(n)} and {@code json(n)}. */
  public void produce(
      String topic,
      LongFunction<String> key,
      LongFunction<String> json,
      long from,
      long count,
      int ratePerSecond,
      long step,
      LongConsumer progress) {
    SendPacer pacer = new SendPacer(System.nanoTime(), ratePerSecond);
    for (long i = 0; i < count; i++) {
      long n = from + i;
      long wait = pacer.sleepBefore(i, System.nanoTime());
      if (wait > 0) {
        sleepNanos(wait);
      }
      send(topic, key.apply(n), json.apply(n));
      if ((i + 1) % step == 0) {
        progress.accept(i + 1);
      }
    }
    flush();
  }

  public void send(String topic, String key, String value) {
    send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one record; the first send to a topic waits until each of its partitions is writable. */
  public void send(String topic, String key, byte[] value) {
    send(topic, key, value, Map.of());
  }

  /** Sends one record with headers (UTF-8 values). */
  public void send(String topic, String key, byte[] value, Map<String, String> headers) {
    if (writableTopics.add(topic)) {
      TopicReadiness.await(bootstrapServers, topic, TOPIC_READY_TIMEOUT);
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    headers.forEach(
        (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  /** Sends one record to the given partition. */
  public void send(String topic, int partition, String key, String value) {
    if (writableTopics.add(topic)) {
      TopicReadiness.await(bootstrapServers, topic, TOPIC_READY_TIMEOUT);
    }
    producer.send(
        new ProducerRecord<>(
            topic,
            partition,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value == null ? null : value.getBytes(StandardCharsets.UTF_8)),
        (metadata, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("producing failed: " + failure, failure);
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
