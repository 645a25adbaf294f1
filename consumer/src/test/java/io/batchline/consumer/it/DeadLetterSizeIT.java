package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Dead letters always fit. The source topic takes 4 MiB messages, the dead-letter topic Kafka's
 * default of about 1 MiB: an event of 2 MiB (over max-event-bytes) and a non-JSON event within a
 * kilobyte of 1 MiB both reach the dead-letter topic, truncated, with their original size and
 * SHA-256 in headers, while the 30,000 good events around them are all written by the same consumer
 * process.
 */
class DeadLetterSizeIT {

  private static final int GOOD = 30_000;
  private static final int FOUR_MIB = 4 * 1024 * 1024;

  @Test
  void eventsTooLargeForTheDeadLetterTopicGoThereTruncatedAndNothingStops() throws Exception {
    PipelineFixture pipeline = new PipelineFixture("dlqsize", 3);
    String sourceTopic = pipeline.topic + "-big";
    pipeline.stack.createTopic(
        sourceTopic, 3, Map.of("max.message.bytes", Integer.toString(FOUR_MIB)));
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    Map<String, String> env = pipeline.environment(500, 1);
    env.put("EVENT_PROCESSING_TOPIC", sourceTopic);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);
    env.put("KAFKA_PROPERTIES_MAX_PARTITION_FETCH_BYTES", Integer.toString(FOUR_MIB + 1024));
    byte[] tooLarge = event("too-large", 2 * 1024 * 1024);
    byte[] almostOneMib =
        ("not json " + "x".repeat(1_048_576 - 700)).getBytes(StandardCharsets.UTF_8);

    try (ConsumerProcess consumer = pipeline.readyConsumer(env, "consumer");
        EventProducer producer =
            new EventProducer(pipeline.stack.kafkaBootstrap(), FOUR_MIB + 4096);
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic)) {
      long pid = consumer.pid();
      produce(producer, pipeline, sourceTopic, 0, 1_500);
      // Keyed like the next good event, so they share its partition and could hold it up.
      String sameKeyAsNext = pipeline.generator.customer(1_500);
      long badSent = System.nanoTime();
      producer.send(sourceTopic, sameKeyAsNext, tooLarge);
      producer.send(sourceTopic, sameKeyAsNext, almostOneMib);
      produce(producer, pipeline, sourceTopic, 1_500, GOOD - 1_500);

      Duration stall =
          pipeline.awaitId(pipeline.generator.id(1_500), badSent, Duration.ofSeconds(60), consumer);
      PipelineFixture.printStall("DeadLetterSizeIT", stall);
      pipeline.awaitEveryId(GOOD, Duration.ofSeconds(60), consumer);
      pipeline.await(
          "both dead letters",
          Duration.ofSeconds(60),
          () -> dlq.poll().size() >= 2,
          GOOD,
          consumer);

      List<ConsumerRecord<byte[], byte[]>> letters = dlq.poll();
      assertThat(letters).hasSize(2);
      assertTruncated(letters.get(0), tooLarge, "too_large");
      assertTruncated(letters.get(1), almostOneMib, "not_json");
      assertThat(consumer.isAlive()).isTrue();
      assertThat(consumer.pid()).isEqualTo(pid);
      assertThat(consumer.log()).doesNotContain("RecordTooLargeException");
    }
  }

  private static void assertTruncated(
      ConsumerRecord<byte[], byte[]> letter, byte[] original, String reason) throws Exception {
    assertThat(TopicReader.header(letter, "batchline.reason")).isEqualTo(reason);
    assertThat(TopicReader.header(letter, "batchline.original.size"))
        .isEqualTo(Integer.toString(original.length));
    assertThat(TopicReader.header(letter, "batchline.original.sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));
    assertThat(TopicReader.header(letter, "batchline.error")).startsWith("payload truncated from");
    assertThat(letter.value().length).isLessThan(1_048_576);
    byte[] prefix = java.util.Arrays.copyOf(original, letter.value().length);
    assertThat(letter.value()).isEqualTo(prefix);
  }

  private static void produce(
      EventProducer producer, PipelineFixture pipeline, String topic, long from, long count) {
    for (long n = from; n < from + count; n++) {
      producer.send(topic, pipeline.generator.customer(n), pipeline.generator.json(n));
    }
    producer.flush();
  }

  private static byte[] event(String id, int bytes) {
    String head =
        "{\"id\":\""
            + id
            + "\",\"event_name\":\"api_call\",\"external_customer_id\":\"c\","
            + "\"properties\":{\"padding\":\"";
    return (head + "x".repeat(bytes - head.length() - 3) + "\"}}").getBytes(StandardCharsets.UTF_8);
  }
}
