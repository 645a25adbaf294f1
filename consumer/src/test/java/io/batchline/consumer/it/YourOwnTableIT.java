package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The README's "Your own table" example, run as written on the real server (18.16) by the real
 * consumer: a table of the user's own, a mapping with JSON paths, Kafka attributes, a header and
 * the whole event, three events, and the rows (and the dead letter) that result.
 */
class YourOwnTableIT {

  static final String TABLE =
      """
      (
          event_id     String,
          customer     LowCardinality(String),
          quantity     Decimal(18, 6),
          region       LowCardinality(String) DEFAULT 'unknown',
          tags         Array(String),
          occurred_at  DateTime,
          source_topic String,
          kafka_offset UInt64,
          trace_id     Nullable(String),
          raw          String
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(occurred_at)
      ORDER BY (customer, occurred_at, event_id)""";

  static final String MAPPING =
      "event_id=id,customer=customer.id,quantity=properties.quantity,"
          + "region=properties.region,tags=properties.tags,occurred_at=timestamp,"
          + "source_topic=_topic,kafka_offset=_offset,trace_id=_header.trace-id,raw=_event";

  static final String E1 =
      "{\"id\":\"e1\",\"customer\":{\"id\":\"acme\"},\"timestamp\":\"2025-12-01T10:00:00Z\","
          + "\"properties\":{\"quantity\":\"12.5\",\"region\":\"eu\",\"tags\":[\"api\",\"gpu\"]}}";
  static final String E2 =
      "{\"id\":\"e2\",\"customer\":{\"id\":\"globex\"},\"timestamp\":1764590400,"
          + "\"properties\":{\"quantity\":0.000001,\"tags\":[]}}";
  static final String E3 =
      "{\"id\":\"e3\",\"customer\":{\"id\":\"acme\"},\"timestamp\":\"2025-12-01 11:30:00\","
          + "\"properties\":{\"quantity\":\"abc\"}}";

  @Test
  void writesTheUsersTableAsTheReadmeShows() {
    PipelineFixture pipeline = new PipelineFixture("usage", 1);
    String table = PipelineFixture.DATABASE + ".usage_" + pipeline.name;
    pipeline.stack.run(
        Set.of(0),
        "sql",
        "CREATE TABLE " + table + " " + TABLE,
        "--allow_experimental_low_cardinality_type=1");
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    Map<String, String> env = pipeline.environment(100, 1);
    env.put("CLICKHOUSE_TABLE", table.substring(PipelineFixture.DATABASE.length() + 1));
    env.put("CLICKHOUSE_COLUMNS", MAPPING);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      producer.send(pipeline.topic, "acme", utf8(E1), Map.of("trace-id", "t-1"));
      producer.send(pipeline.topic, "globex", utf8(E2), Map.of());
      producer.send(pipeline.topic, "acme", utf8(E3), Map.of());
      producer.flush();
    }

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer");
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic)) {
      pipeline.await(
          "two rows and one dead letter",
          Duration.ofSeconds(90),
          () ->
              pipeline.clickHouse.queryLong("SELECT count() FROM " + table) == 2
                  && dlq.poll().size() == 1,
          2,
          consumer);

      assertThat(
              pipeline
                  .clickHouse
                  .query("SELECT * FROM " + table + " ORDER BY event_id FORMAT JSONEachRow")
                  .strip()
                  .split("\n"))
          .containsExactly(
              "{\"event_id\":\"e1\",\"customer\":\"acme\",\"quantity\":12.500000,\"region\":\"eu\","
                  + "\"tags\":[\"api\",\"gpu\"],\"occurred_at\":\"2025-12-01 10:00:00\","
                  + "\"source_topic\":\""
                  + pipeline.topic
                  + "\",\"kafka_offset\":\"0\","
                  + "\"trace_id\":\"t-1\",\"raw\":"
                  + jsonString(E1)
                  + "}",
              "{\"event_id\":\"e2\",\"customer\":\"globex\",\"quantity\":0.000001,"
                  + "\"region\":\"unknown\",\"tags\":[],\"occurred_at\":\"2025-12-01 12:00:00\","
                  + "\"source_topic\":\""
                  + pipeline.topic
                  + "\",\"kafka_offset\":\"1\","
                  + "\"trace_id\":null,\"raw\":"
                  + jsonString(E2)
                  + "}");
      List<ConsumerRecord<byte[], byte[]>> dead = dlq.poll();
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(E3);
      assertThat(TopicReader.header(dead.get(0), "batchline.reason")).isEqualTo("type_mismatch");
      assertThat(TopicReader.header(dead.get(0), "batchline.error"))
          .isEqualTo("column quantity: \"abc\" is not a valid Decimal(18, 6)");
      assertThat(consumer.log())
          .contains("quantity <- properties.quantity (Decimal(18, 6), when missing: missing_field)")
          .contains(
              "region <- properties.region (LowCardinality(String), when missing: DEFAULT 'unknown')")
          .contains("trace_id <- _header.trace-id (Nullable(String), when missing: NULL)");
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
