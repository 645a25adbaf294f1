package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real consumer refuses to start, with one line that names the problem, and exits non-zero. */
class StartupChecksIT {

  private static PipelineFixture pipeline;

  @BeforeAll
  static void createPipeline() {
    pipeline = new PipelineFixture("startup", 1);
  }

  private static String runUntilExit(Map<String, String> env, String name, int expectedExit) {
    try (ConsumerProcess consumer = pipeline.consumer(env, name)) {
      assertThat(consumer.waitForExit(Duration.ofSeconds(60)))
          .as("exit code; log:%n%s", consumer.log())
          .isEqualTo(expectedExit);
      return consumer.log();
    }
  }

  @Test
  void invalidSettingIsRefusedWithOneLineNamingIt() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("EVENT_PROCESSING_BATCH_SIZE", "-5");

    String log = runUntilExit(env, "invalid-size", 2);

    assertThat(log)
        .contains(
            "invalid configuration: event-processing.batch-size must be between 1 and 1000000,"
                + " got -5");
    assertThat(log.lines().filter(line -> line.contains("ERROR"))).hasSize(1);
  }

  @Test
  void autoCommitCannotBeSwitchedOn() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("KAFKA_PROPERTIES_ENABLE_AUTO_COMMIT", "true");

    assertThat(runUntilExit(env, "auto-commit", 2))
        .contains(
            "invalid configuration: KAFKA_PROPERTIES_ENABLE_AUTO_COMMIT sets enable.auto.commit,"
                + " which the consumer manages itself");
  }

  @Test
  void flushIntervalOverOneHourIsRefused() {
    Map<String, String> env = pipeline.environment(200, 3601);

    assertThat(runUntilExit(env, "invalid-flush", 2))
        .contains("event-processing.batch-flush-seconds must be between 0 and 3600, got 3601");
  }

  @Test
  void missingTableIsNamed() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("CLICKHOUSE_TABLE", "no_such_table");

    assertThat(runUntilExit(env, "missing-table", 3))
        .contains("table " + PipelineFixture.DATABASE + ".no_such_table does not exist");
  }

  @Test
  void missingMappedColumnIsNamed() {
    String table = "no_customer_" + pipeline.table;
    pipeline.clickHouse.query(
        "CREATE TABLE "
            + PipelineFixture.DATABASE
            + "."
            + table
            + " (id String, tenant_id String, environment_id String, external_customer_id String,"
            + " event_name String, source String, timestamp DateTime, properties String)"
            + " ENGINE = MergeTree ORDER BY id");
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("CLICKHOUSE_TABLE", table);
    env.put("CLICKHOUSE_COLUMNS", "id=id,customer_id=properties.customer");

    assertThat(runUntilExit(env, "missing-column", 3))
        .contains(
            "table "
                + PipelineFixture.DATABASE
                + "."
                + table
                + " has no column customer_id (mapped in clickhouse.columns to"
                + " properties.customer)");
  }

  @Test
  void invalidMappingIsRefusedNamingTheEntry() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("CLICKHOUSE_COLUMNS", "id=id,quantity=properties..quantity");

    String log = runUntilExit(env, "invalid-mapping", 2);

    assertThat(log)
        .contains(
            "invalid configuration: clickhouse.columns entry 'quantity=properties..quantity':"
                + " source must be a JSON path");
    assertThat(log.lines().filter(line -> line.contains("ERROR"))).hasSize(1);
  }

  @Test
  void columnOfATypeTheConsumerCannotWriteIsNamed() {
    String table = "aggregate_" + pipeline.table;
    pipeline.clickHouse.query(
        "CREATE TABLE "
            + PipelineFixture.DATABASE
            + "."
            + table
            + " (id String, visitors AggregateFunction(uniq, String)) ENGINE = MergeTree ORDER BY id");
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("CLICKHOUSE_TABLE", table);

    assertThat(runUntilExit(env, "aggregate-column", 3))
        .contains(
            "column "
                + PipelineFixture.DATABASE
                + "."
                + table
                + ".visitors has type AggregateFunction(uniq, String), which the consumer cannot"
                + " write");
  }

  @Test
  void unreachableClickHouseIsReported() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("CLICKHOUSE_URL", "http://127.0.0.1:1");

    assertThat(runUntilExit(env, "unreachable", 3))
        .contains("cannot reach ClickHouse at http://127.0.0.1:1");
  }

  @Test
  void seedEnvironmentNamesAreAccepted() {
    Map<String, String> env = pipeline.environment(200, 5);
    env.remove("EVENT_PROCESSING_BATCH_SIZE");
    env.remove("EVENT_PROCESSING_BATCH_FLUSH_SECONDS");
    env.put("FLEXPRICE_EVENT_PROCESSING_BATCH_SIZE", "300");
    env.put("FLEXPRICE_EVENT_PROCESSING_BATCH_FLUSH_SECONDS", "7");

    try (ConsumerProcess consumer = pipeline.consumer(env, "flexprice-names")) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(consumer::isReady);
      assertThat(consumer.log())
          .contains(
              "initialized event consumption service with batching batch_size=300 flush_interval=7s");
      consumer.terminate();
      assertThat(consumer.waitForExit(Duration.ofSeconds(30))).isZero();
    }
  }
}
