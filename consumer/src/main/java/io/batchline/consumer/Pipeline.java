package io.batchline.consumer;

import io.batchline.consumer.batch.Backoff;
import io.batchline.consumer.batch.DeadLetterSink;
import io.batchline.consumer.batch.EventBatcher;
import io.batchline.consumer.batch.EventDecoder;
import io.batchline.consumer.batch.FlushPolicy;
import io.batchline.consumer.batch.RateLimiter;
import io.batchline.consumer.batch.RetryClassifier;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.clickhouse.ClickHouseEventSink;
import io.batchline.consumer.clickhouse.ServerVersion;
import io.batchline.consumer.config.ClickHouseConfig;
import io.batchline.consumer.config.KafkaClientProperties;
import io.batchline.consumer.config.KafkaConfig;
import io.batchline.consumer.config.PipelineSettings;
import io.batchline.consumer.health.PipelineHealth;
import io.batchline.consumer.kafka.KafkaDeadLetterSink;
import io.batchline.consumer.kafka.KafkaOffsetCommitter;
import io.batchline.consumer.kafka.KafkaPollLoop;
import io.batchline.consumer.kafka.LoggingDeadLetterSink;
import io.batchline.consumer.metrics.PipelineMetrics;
import io.batchline.consumer.table.EncoderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/** Wires the adapters around the batching core and runs the poll loop on its own thread. */
final class Pipeline {

  private static final Logger LOG = Logger.getLogger(Pipeline.class);

  private final KafkaPollLoop loop;
  private final ClickHouseEventSink sink;
  private final AutoCloseable deadLetters;

  private Pipeline(KafkaPollLoop loop, ClickHouseEventSink sink, AutoCloseable deadLetters) {
    this.loop = loop;
    this.sink = sink;
    this.deadLetters = deadLetters;
  }

  static Pipeline start(
      PipelineSettings settings,
      EncoderSettings encoderSettings,
      ClickHouseConfig clickHouse,
      KafkaConfig kafka,
      MeterRegistry registry,
      PipelineHealth health)
      throws SinkException {
    Clock clock = Clock.systemUTC();
    ClickHouseEventSink sink =
        new ClickHouseEventSink(
            clickHouse.url(),
            clickHouse.username(),
            clickHouse.password().orElse(""),
            clickHouse.database(),
            clickHouse.table(),
            clickHouse.insertTimeout(),
            clock,
            encoderSettings);
    ServerVersion version = sink.connect();
    logDeduplicationMode(version);

    Map<String, String> extra = KafkaClientProperties.fromEnvironment(System.getenv());
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerProperties(settings, kafka, extra));
    DeadLetterSink deadLetters = deadLetterSink(settings, kafka, extra);
    PipelineMetrics metrics = new PipelineMetrics(registry, clock);
    EventBatcher batcher =
        new EventBatcher(
            new FlushPolicy(
                settings.batchSize(), settings.batchMaxBytes(), settings.flushInterval()),
            new EventDecoder(sink::encoder, clock),
            sink,
            deadLetters,
            new KafkaOffsetCommitter(consumer),
            new RetryClassifier(),
            settings.rateLimit() == 0
                ? RateLimiter.unlimited(clock)
                : new RateLimiter(settings.rateLimit(), clock),
            new Backoff(
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                () -> ThreadLocalRandom.current().nextDouble()),
            clock,
            metrics);
    KafkaPollLoop loop =
        new KafkaPollLoop(
            consumer, settings.topic(), batcher, health, settings.drainTimeout(), clock);
    Thread thread = new Thread(loop, "batchline-poll-loop");
    thread.start();
    health.started(metrics);
    LOG.infof(
        "initialized event consumption service with batching batch_size=%d flush_interval=%ds"
            + " batch_max_bytes=%d topic=%s consumer_group=%s table=%s.%s rollback_mode=%s",
        settings.batchSize(),
        settings.batchFlushSeconds(),
        settings.batchMaxBytes(),
        settings.topic(),
        settings.consumerGroup(),
        clickHouse.database(),
        clickHouse.table(),
        settings.rollbackMode());
    return new Pipeline(
        loop, sink, deadLetters instanceof AutoCloseable closeable ? closeable : () -> {});
  }

  private static void logDeduplicationMode(ServerVersion version) {
    if (version.supportsDeduplicationToken()) {
      LOG.infof(
          "ClickHouse %s: inserts carry insert_deduplication_token from their offset ranges",
          version);
    } else {
      LOG.infof(
          "ClickHouse %s has no insert_deduplication_token: replayed rows are collapsed by the"
              + " ReplacingMergeTree table on merge; count with FINAL or uniqExact(id)",
          version);
    }
  }

  private static Properties consumerProperties(
      PipelineSettings settings, KafkaConfig kafka, Map<String, String> extra) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        Integer.toString(Math.max(1, Math.min(settings.batchSize(), 10_000))));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.putAll(extra);
    return props;
  }

  private static DeadLetterSink deadLetterSink(
      PipelineSettings settings, KafkaConfig kafka, Map<String, String> extra) {
    if (settings.dlqTopic().isEmpty()) {
      LOG.warn(
          "no dlq-topic configured: bad events will be logged and skipped (set"
              + " EVENT_PROCESSING_DLQ_TOPIC to keep them)");
      return new LoggingDeadLetterSink();
    }
    Map<String, Object> props = new HashMap<>(extra);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    LOG.infof("bad events go to the dead-letter topic %s", settings.dlqTopic().get());
    return new KafkaDeadLetterSink(new KafkaProducer<>(props), settings.dlqTopic().get());
  }

  /** Stops polling, drains, commits and leaves the group. */
  boolean stop(Duration timeout) throws InterruptedException {
    loop.stop();
    boolean drained = loop.awaitDrained(timeout);
    try {
      deadLetters.close();
    } catch (Exception e) {
      LOG.warn("closing the dead-letter producer failed", e);
    }
    sink.close();
    return drained;
  }
}
