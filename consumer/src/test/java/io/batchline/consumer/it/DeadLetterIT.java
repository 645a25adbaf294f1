package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.batch.RejectReason;
import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.TopicReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad event goes to the dead-letter topic with its reason and its source position, and
 * the good events around it are all written; without a dead-letter topic, bad events are logged and
 * skipped, never silently.
 */
class DeadLetterIT {

  private static final int GOOD_EVENTS = 1_100;
  private static final int MAX_EVENT_BYTES = 2048;
  private static final String CUSTOMER = "\"external_customer_id\":\"cust-bad\"";

  /** A record that must be rejected, and the reason it must carry. */
  private record BadEvent(RejectReason reason, byte[] value) {}

  private static List<BadEvent> badEvents() {
    return List.of(
        bad(RejectReason.NOT_JSON, "this is not json {"),
        bad(RejectReason.NOT_AN_OBJECT, "[{\"id\":\"bad-array\",\"event_name\":\"api_call\"}]"),
        bad(RejectReason.MISSING_EVENT_NAME, "{\"id\":\"bad-no-name\"," + CUSTOMER + "}"),
        bad(
            RejectReason.MISSING_EXTERNAL_CUSTOMER_ID,
            "{\"id\":\"bad-no-customer\",\"event_name\":\"api_call\"}"),
        bad(RejectReason.BAD_TIMESTAMP, event("bad-timestamp", ",\"timestamp\":\"yesterday\"")),
        bad(RejectReason.BAD_PROPERTIES, event("bad-properties", ",\"properties\":[1,2]")),
        bad(
            RejectReason.TOO_LARGE,
            event(
                "bad-too-large",
                ",\"properties\":{\"padding\":\"" + "x".repeat(MAX_EVENT_BYTES) + "\"}")),
        new BadEvent(
            RejectReason.INVALID_UTF8,
            concat(
                utf8(
                    "{\"id\":\"bad-utf8\",\"event_name\":\"api_call\",\"external_customer_id\":\""),
                new byte[] {(byte) 0xC3, 0x28},
                utf8("\"}"))),
        new BadEvent(RejectReason.EMPTY, new byte[0]),
        new BadEvent(RejectReason.NULL_VALUE, null));
  }

  @Test
  void eachBadEventKindIsDeadLetteredWithItsReasonAndSourcePosition() {
    PipelineFixture pipeline = new PipelineFixture("dlq", 3);
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    Map<String, String> env = pipeline.environment(200, 1);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);
    env.put("EVENT_PROCESSING_MAX_EVENT_BYTES", Integer.toString(MAX_EVENT_BYTES));
    List<BadEvent> bad = produceGoodEventsWithBadOnesBetween(pipeline);

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer");
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic);
        TopicReader source = new TopicReader(pipeline.stack.kafkaBootstrap(), pipeline.topic)) {
      Duration drain = pipeline.awaitEveryId(GOOD_EVENTS, Duration.ofMinutes(2), consumer);
      pipeline.await(
          "all " + bad.size() + " bad events in " + dlqTopic,
          Duration.ofSeconds(60),
          () -> dlq.poll().size() >= bad.size(),
          GOOD_EVENTS,
          consumer);
      pipeline.await(
          "the source topic read back",
          Duration.ofSeconds(30),
          () -> source.poll().size() >= GOOD_EVENTS + bad.size(),
          GOOD_EVENTS);
      List<ConsumerRecord<byte[], byte[]>> sourceRecords = source.poll();
      List<ConsumerRecord<byte[], byte[]>> deadLetters = dlq.poll();

      assertThat(deadLetters).hasSize(bad.size());
      for (BadEvent expected : bad) {
        ConsumerRecord<byte[], byte[]> origin = withValue(sourceRecords, expected.value());
        ConsumerRecord<byte[], byte[]> dead = withValue(deadLetters, expected.value());
        assertThat(headers(dead))
            .as("dead letter for %s", expected.reason())
            .containsExactly(
                expected.reason().label(),
                pipeline.topic,
                Integer.toString(origin.partition()),
                Long.toString(origin.offset()));
        assertThat(TopicReader.header(dead, "batchline.error")).isNotBlank();
      }
      assertThat(pipeline.distinctIds()).as("only the good events are rows").isEqualTo(GOOD_EVENTS);
      assertThat(consumer.metric("batchline_events_dead_lettered_total")).isEqualTo(bad.size());
      pipeline.figures(GOOD_EVENTS, drain).print("DeadLetterIT dead_lettered=" + bad.size());
    }
  }

  @Test
  void withoutADeadLetterTopicBadEventsAreLoggedAndSkipped() {
    PipelineFixture pipeline = new PipelineFixture("nodlq", 3);
    Map<String, String> env = pipeline.environment(200, 1);
    env.put("EVENT_PROCESSING_MAX_EVENT_BYTES", Integer.toString(MAX_EVENT_BYTES));
    List<BadEvent> bad = produceGoodEventsWithBadOnesBetween(pipeline);

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer")) {
      Duration drain = pipeline.awaitEveryId(GOOD_EVENTS, Duration.ofMinutes(2), consumer);
      pipeline.await(
          "every bad event logged",
          Duration.ofSeconds(30),
          () -> consumer.metric("batchline_events_dead_lettered_total") >= bad.size(),
          GOOD_EVENTS,
          consumer);

      assertThat(consumer.log())
          .contains("no dlq-topic configured: bad events will be logged and skipped");
      for (BadEvent expected : bad) {
        assertThat(consumer.log())
            .contains(
                "skipping bad event, no dlq-topic configured reason=" + expected.reason().label());
      }
      assertThat(pipeline.distinctIds()).isEqualTo(GOOD_EVENTS);
      pipeline.figures(GOOD_EVENTS, drain).print("DeadLetterIT(no dlq) skipped=" + bad.size());
    }
  }

  /** Good events 0..GOOD_EVENTS-1, with one bad event after every hundred. */
  private static List<BadEvent> produceGoodEventsWithBadOnesBetween(PipelineFixture pipeline) {
    List<BadEvent> bad = badEvents();
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      for (int n = 0; n < GOOD_EVENTS; n++) {
        if (n > 0 && n % 100 == 0 && n / 100 <= bad.size()) {
          producer.send(pipeline.topic, "bad", bad.get(n / 100 - 1).value());
        }
        producer.send(pipeline.topic, pipeline.generator.customer(n), pipeline.generator.json(n));
      }
      producer.flush();
    }
    return bad;
  }

  private static List<String> headers(ConsumerRecord<?, ?> record) {
    List<String> values = new ArrayList<>();
    for (String name :
        List.of(
            "batchline.reason",
            "batchline.source.topic",
            "batchline.source.partition",
            "batchline.source.offset")) {
      values.add(TopicReader.header(record, name));
    }
    return values;
  }

  private static ConsumerRecord<byte[], byte[]> withValue(
      List<ConsumerRecord<byte[], byte[]>> records, byte[] value) {
    List<ConsumerRecord<byte[], byte[]>> matches =
        records.stream().filter(r -> Arrays.equals(r.value(), value)).toList();
    assertThat(matches)
        .as(
            "records with value %s",
            value == null ? "null" : new String(value, StandardCharsets.UTF_8))
        .hasSize(1);
    return matches.get(0);
  }

  private static BadEvent bad(RejectReason reason, String value) {
    return new BadEvent(reason, utf8(value));
  }

  private static String event(String id, String extraFields) {
    return "{\"id\":\"" + id + "\",\"event_name\":\"api_call\"," + CUSTOMER + extraFields + "}";
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
