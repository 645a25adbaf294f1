package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.batchline.operator.TestPipelines;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

  @Test
  void defaultsFillEverySettingTheConsumerNeeds() {
    var env = ConsumerSettings.environment(TestPipelines.orders());

    assertThat(env)
        .containsExactly(
            entry("CLICKHOUSE_DATABASE", "default"),
            entry("CLICKHOUSE_INSERT_TIMEOUT", "30s"),
            entry("CLICKHOUSE_TABLE", "events"),
            entry("CLICKHOUSE_URL", "http://clickhouse:8123"),
            entry("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "5"),
            entry("EVENT_PROCESSING_BATCH_SIZE", "200"),
            entry("EVENT_PROCESSING_CONSUMER_GROUP", "batchline.shop.orders"),
            entry("EVENT_PROCESSING_DLQ_TOPIC", "orders.dlq"),
            entry("EVENT_PROCESSING_DRAIN_TIMEOUT", "25s"),
            entry("EVENT_PROCESSING_TOPIC", "orders"),
            entry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
  }

  @Test
  void everySpecKnobReachesItsVariable() {
    var pipeline = TestPipelines.orders();
    var spec = pipeline.getSpec();
    spec.getKafka().setConsumerGroup("billing");
    spec.getKafka().setDlqTopic("orders-bad");
    spec.getBatch().setSize(500);
    spec.getBatch().setFlushSeconds(10);
    spec.getBatch().setMaxBytes(8_388_608L);
    spec.getBatch().setMaxEventBytes(65_536L);
    spec.getConsumer().setRateLimit(1000);
    spec.getClickhouse().setDatabase("analytics");
    spec.getClickhouse().setTable("usage");
    spec.getConsumer().setDrainTimeoutSeconds(40);
    spec.getConsumer().setInsertTimeoutSeconds(90);

    assertThat(ConsumerSettings.environment(pipeline))
        .contains(
            entry("EVENT_PROCESSING_CONSUMER_GROUP", "billing"),
            entry("EVENT_PROCESSING_DLQ_TOPIC", "orders-bad"),
            entry("EVENT_PROCESSING_BATCH_SIZE", "500"),
            entry("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "10"),
            entry("EVENT_PROCESSING_BATCH_MAX_BYTES", "8388608"),
            entry("EVENT_PROCESSING_MAX_EVENT_BYTES", "65536"),
            entry("EVENT_PROCESSING_RATE_LIMIT", "1000"),
            entry("CLICKHOUSE_DATABASE", "analytics"),
            entry("CLICKHOUSE_TABLE", "usage"),
            entry("EVENT_PROCESSING_DRAIN_TIMEOUT", "40s"),
            entry("CLICKHOUSE_INSERT_TIMEOUT", "90s"));
  }

  @Test
  void columnsAreOneVariableSortedByColumn() {
    var pipeline = TestPipelines.orders();
    pipeline
        .getSpec()
        .getClickhouse()
        .setColumns(
            Map.of(
                "trace", "_header.trace-id",
                "region", "properties.region",
                "raw", "_event",
                "quantity", "properties.quantity"));

    assertThat(ConsumerSettings.environment(pipeline))
        .containsEntry(
            "CLICKHOUSE_COLUMNS",
            "quantity=properties.quantity,raw=_event,region=properties.region,"
                + "trace=_header.trace-id");
  }

  @Test
  void noColumnsNoVariable() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getClickhouse().setColumns(Map.of());

    assertThat(ConsumerSettings.environment(pipeline)).doesNotContainKey("CLICKHOUSE_COLUMNS");
  }

  @Test
  void kafkaPropertiesBecomePrefixedUpperCaseVariables() {
    var pipeline = TestPipelines.orders();
    pipeline
        .getSpec()
        .getKafka()
        .setProperties(Map.of("security.protocol", "SSL", "max.poll.records", "2000"));

    assertThat(ConsumerSettings.environment(pipeline))
        .contains(
            entry("KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SSL"),
            entry("KAFKA_PROPERTIES_MAX_POLL_RECORDS", "2000"));
  }

  @Test
  void credentialsNeverReachTheConfiguration() {
    var env = ConsumerSettings.environment(TestPipelines.orders());

    assertThat(env).doesNotContainKeys("CLICKHOUSE_USERNAME", "CLICKHOUSE_PASSWORD");
    assertThat(env.values()).noneMatch(v -> v.contains(TestPipelines.SECRET));
  }

  @Test
  void aPipelineWithoutBatchSectionGetsTheBalancedPreset() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setBatch(null);

    assertThat(ConsumerSettings.environment(pipeline))
        .contains(
            entry("EVENT_PROCESSING_BATCH_SIZE", "200"),
            entry("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "5"));
  }
}
