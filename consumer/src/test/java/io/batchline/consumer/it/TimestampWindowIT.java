package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The timestamp window on the real consumer: implausible event times go to the dead-letter topic
 * with {@code timestamp_out_of_range}, the events around them are written, and an invalid window
 * setting stops the consumer with exit code 2.
 */
class TimestampWindowIT {

  @Test
  void eventsOutsideTheWindowAreDeadLetteredAndTheRestWritten() {
    PipelineFixture pipeline = new PipelineFixture("window", 1);
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    Map<String, String> env = pipeline.environment(100, 1);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);
    env.put("EVENT_PROCESSING_TIMESTAMP_MAX_AGE", "720h");
    env.put("EVENT_PROCESSING_TIMESTAMP_MAX_FUTURE", "PT1H");
    String future = Instant.now().plus(Duration.ofDays(2)).toString();
    List<String> bad =
        List.of(
            "{\"id\":\"old\",\"event_name\":\"a\",\"external_customer_id\":\"c\","
                + "\"timestamp\":\"2001-01-01T00:00:00Z\"}",
            "{\"id\":\"future\",\"event_name\":\"a\",\"external_customer_id\":\"c\","
                + "\"timestamp\":\""
                + future
                + "\"}");
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      for (int n = 0; n < 100; n++) {
        if (n == 40 || n == 60) {
          producer.send(
              pipeline.topic, "c", bad.get(n == 40 ? 0 : 1).getBytes(StandardCharsets.UTF_8));
        }
        producer.send(pipeline.topic, "c", pipeline.generator.json(n));
      }
      producer.flush();
    }

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer");
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic)) {
      pipeline.awaitEveryId(100, Duration.ofSeconds(90), consumer);
      pipeline.await(
          "two dead letters", Duration.ofSeconds(30), () -> dlq.poll().size() >= 2, 100, consumer);

      List<ConsumerRecord<byte[], byte[]>> dead = dlq.poll();
      assertThat(dead).hasSize(2);
      for (ConsumerRecord<byte[], byte[]> record : dead) {
        assertThat(TopicReader.header(record, "batchline.reason"))
            .isEqualTo("timestamp_out_of_range");
        assertThat(TopicReader.header(record, "batchline.error")).startsWith("column timestamp: ");
      }
      assertThat(pipeline.distinctIds()).isEqualTo(100);
      assertThat(consumer.log()).contains("timestamp window: max_age=PT720H max_future=PT1H");
    }
  }

  @Test
  void anInvalidWindowIsRefusedNamingTheSetting() {
    PipelineFixture pipeline = new PipelineFixture("badwindow", 1);
    Map<String, String> env = pipeline.environment(100, 1);
    env.put("EVENT_PROCESSING_TIMESTAMP_MAX_AGE", "-1h");

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer")) {
      assertThat(consumer.waitForExit(Duration.ofSeconds(60))).as(consumer.log()).isEqualTo(2);
      assertThat(consumer.log())
          .contains("invalid configuration: event-processing.timestamp-max-age must be positive");
    }
  }
}
