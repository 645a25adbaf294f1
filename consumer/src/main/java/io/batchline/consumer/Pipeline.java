package io.batchline.consumer;

import io.batchline.consumer.batch.Backoff;
import io.batchline.consumer.batch.BatcherPorts;
import io.batchline.consumer.batch.BatcherSettings;
import io.batchline.consumer.batch.DeadLetterSink;
import io.batchline.consumer.batch.EventBatcher;
import io.batchline.consumer.batch.FlushPolicy;
import io.batchline.consumer.batch.PipelineLog;
import io.batchline.consumer.batch.RateLimiter;
import io.batchline.consumer.batch.RetryClassifier;
import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.batch.WriterPorts;
import io.batchline.consumer.clickhouse.ClickHouseEventSink;
import io.batchline.consumer.clickhouse.ClickHouseTarget;
import io.batchline.consumer.clickhouse.ServerVersion;
import io.batchline.consumer.config.ClickHouseConfig;
import io.batchline.consumer.config.DeliverySettings;
import io.batchline.consumer.config.PipelineSettings;
import io.batchline.consumer.health.PipelineHealth;
import io.batchline.consumer.kafka.DeadLetterRecords;
import io.batchline.consumer.kafka.DeadLetterTopic;
import io.batchline.consumer.kafka.KafkaClients;
import io.batchline.consumer.kafka.KafkaDeadLetterSink;
import io.batchline.consumer.kafka.KafkaOffsetCommitter;
import io.batchline.consumer.kafka.KafkaPollLoop;
import io.batchline.consumer.kafka.LoggingDeadLetterSink;
import io.batchline.consumer.kafka.PollLoopParts;
import io.batchline.consumer.kafka.TopicIds;
import io.batchline.consumer.metrics.PipelineMetrics;
import io.batchline.consumer.table.EncoderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Wires the adapters around the batching core and runs the poll loop on its own thread. */
final class Pipeline {

  private final KafkaPollLoop loop;
  private final ClickHouseEventSink sink;
  private final AutoCloseable deadLetters;
  private final TopicIds topicIds;
  private final ExecutorService writers;

  private Pipeline(
      KafkaPollLoop loop,
      ClickHouseEventSink sink,
      AutoCloseable deadLetters,
      TopicIds topicIds,
      ExecutorService writers) {
    this.loop = loop;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.topicIds = topicIds;
    this.writers = writers;
  }

  /** What the pipeline is built from: validated settings and the outside world's addresses. */
  record Parts(
      PipelineSettings settings,
      DeliverySettings delivery,
      EncoderSettings encoding,
      ClickHouseConfig clickHouse,
      KafkaClients kafka,
      MeterRegistry registry,
      PipelineHealth health) {}

  static Pipeline start(Parts parts, Runnable onFatal)
      throws SinkException, DeadLetterTopic.Unusable {
    PipelineSettings settings = parts.settings();
    DeliverySettings delivery = parts.delivery();
    PipelineLog log = new PipelineLog(Pipeline.class, settings.consumerGroup());
    Lz4Codec.Choice lz4 = Lz4Codec.load();
    if (lz4.isNative()) {
      log.info(() -> "LZ4 codec for Kafka records and ClickHouse requests: " + lz4.codec());
    } else {
      log.warn(
          () ->
              "LZ4 native library not loaded, Kafka records and ClickHouse requests use the"
                  + " slower "
                  + lz4.codec()
                  + " codec reason=\""
                  + lz4.fallbackReason()
                  + "\"");
    }
    Clock clock = Clock.systemUTC();
    ClickHouseConfig ch = parts.clickHouse();
    ClickHouseEventSink sink =
        new ClickHouseEventSink(
            new ClickHouseTarget(
                ch.url(), ch.username(), ch.password().orElse(""), ch.database(), ch.table()),
            ch.insertTimeout(),
            ch.compress(),
            parts.encoding(),
            log.forClass(ClickHouseEventSink.class));
    ServerVersion version = sink.connect();
    logDeliveryMode(log, version, sink);

    Admin admin = parts.kafka().admin();
    TopicIds topicIds = new TopicIds(admin);
    DeadLetterSink deadLetters = deadLetterSink(settings, parts.kafka(), admin, log);
    KafkaConsumer<byte[], ByteBuffer> consumer =
        parts
            .kafka()
            .consumer(
                settings.consumerGroup(), Math.max(1, Math.min(settings.batchSize(), 10_000)));
    PipelineMetrics metrics =
        new PipelineMetrics(
            parts.registry(), clock, delivery.insertConcurrency(), settings.flushInterval());
    ExecutorService writers = daemonThreads("writer", delivery.insertConcurrency());
    EventBatcher batcher =
        new EventBatcher(
            new BatcherSettings(
                new FlushPolicy(
                    settings.batchSize(), settings.batchMaxBytes(), settings.flushInterval()),
                delivery.budget(),
                new Backoff(
                    Duration.ofMillis(200),
                    Duration.ofSeconds(30),
                    () -> ThreadLocalRandom.current().nextDouble()),
                settings.rateLimit() == 0
                    ? RateLimiter.unlimited(clock)
                    : new RateLimiter(settings.rateLimit(), clock),
                delivery.bisectTimeout(),
                settings.maxEventBytes()),
            new BatcherPorts(
                new WriterPorts(
                    sink, deadLetters, new RetryClassifier(), clock, daemonThreads("probe", 4)),
                new KafkaOffsetCommitter(consumer),
                writers),
            clock,
            log.forClass(EventBatcher.class),
            metrics);
    KafkaPollLoop loop =
        new KafkaPollLoop(
            new PollLoopParts(
                consumer,
                settings.topic(),
                batcher,
                topicIds,
                parts.health(),
                log.forClass(KafkaPollLoop.class),
                metrics),
            settings.drainTimeout(),
            clock,
            onFatal);
    log.info(
        () ->
            "initialized event consumption service with batching batch_size="
                + settings.batchSize()
                + " flush_interval="
                + settings.batchFlushSeconds()
                + "s batch_max_bytes="
                + settings.batchMaxBytes()
                + " topic="
                + settings.topic()
                + " consumer_group="
                + settings.consumerGroup()
                + " table="
                + ch.database()
                + "."
                + ch.table()
                + " rollback_mode="
                + settings.rollbackMode()
                + " insert_concurrency="
                + delivery.insertConcurrency());
    parts.health().started(metrics, delivery.stallTimeout());
    Thread thread = new Thread(loop, "batchline-poll-loop");
    thread.start();
    return new Pipeline(
        loop,
        sink,
        deadLetters instanceof AutoCloseable closeable ? closeable : () -> {},
        topicIds,
        writers);
  }

  private static ExecutorService daemonThreads(String role, int count) {
    AtomicInteger next = new AtomicInteger();
    return Executors.newFixedThreadPool(
        count,
        task -> {
          Thread thread = new Thread(task, "batchline-" + role + "-" + next.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  private static void logDeliveryMode(
      PipelineLog log, ServerVersion version, ClickHouseEventSink sink) {
    if (sink.insertSettings().sendsTokens()) {
      log.info(
          () ->
              "ClickHouse "
                  + version
                  + ": inserts carry insert_deduplication_token; a replayed batch is dropped by"
                  + " the server (settings sent: "
                  + sink.insertSettings().known()
                  + ")");
    } else {
      log.info(
          () ->
              "ClickHouse "
                  + version
                  + " has no insert_deduplication_token: tokens are computed and logged, and"
                  + " replayed rows are collapsed by the ReplacingMergeTree table on merge; count"
                  + " with FINAL or uniqExact(id)");
    }
  }

  private static DeadLetterSink deadLetterSink(
      PipelineSettings settings, KafkaClients kafka, Admin admin, PipelineLog log)
      throws DeadLetterTopic.Unusable {
    if (settings.dlqTopic().isEmpty()) {
      log.warn(
          () ->
              "no dlq-topic configured: bad events will be logged and skipped (set"
                  + " EVENT_PROCESSING_DLQ_TOPIC to keep them)");
      return new LoggingDeadLetterSink();
    }
    String topic = settings.dlqTopic().get();
    int maxMessageBytes = DeadLetterTopic.maxMessageBytes(admin, topic);
    DeadLetterRecords records = new DeadLetterRecords(topic, maxMessageBytes);
    log.info(
        () ->
            "bad events go to the dead-letter topic "
                + topic
                + " max_message_bytes="
                + maxMessageBytes);
    return new KafkaDeadLetterSink(kafka.deadLetterProducer(records.maxRequestSize()), records);
  }

  /**
   * Stops polling, drains, commits and leaves the group.
   *
   * @return true when nothing was left uncommitted
   */
  boolean stop(Duration timeout) throws InterruptedException {
    loop.stop();
    boolean drained = loop.awaitDrained(timeout);
    writers.shutdown();
    writers.awaitTermination(5, TimeUnit.SECONDS);
    try {
      deadLetters.close();
    } catch (Exception e) {
      System.getLogger(Pipeline.class.getName())
          .log(System.Logger.Level.WARNING, "closing the dead-letter producer failed", e);
    }
    topicIds.close();
    sink.close();
    return drained;
  }
}
