package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.MixedUsageGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's 20-column table, {@code samples/clickhouse/usage-mixed.sql}, written on 18.16 by
 * the real consumer from testkit's {@link MixedUsageGenerator} events with its mapping: every event
 * arrives, with its exact decimal quantity.
 */
class MixedTableIT {

  private static final int EVENTS = 3_000;

  @Test
  void theSampleTableTakesEveryGeneratedEvent() throws IOException {
    PipelineFixture pipeline = new PipelineFixture("mixed", 2);
    String table = PipelineFixture.DATABASE + ".mixed_" + pipeline.name;
    String sql =
        Files.readString(pipeline.stack.repoRoot().resolve("samples/clickhouse/usage-mixed.sql"))
            .replace("batchline.usage_mixed", table);
    String create = sql.substring(sql.indexOf("CREATE TABLE")).strip();
    pipeline.stack.run(
        Set.of(0),
        "sql",
        create.substring(0, create.length() - 1),
        "--allow_experimental_low_cardinality_type=1");
    Map<String, String> env = pipeline.environment(1000, 1);
    env.put("CLICKHOUSE_TABLE", table.substring(PipelineFixture.DATABASE.length() + 1));
    env.put("CLICKHOUSE_COLUMNS", MixedUsageGenerator.COLUMNS);
    MixedUsageGenerator generator = new MixedUsageGenerator(pipeline.name, 50, 1_764_547_200L);
    BigDecimal total = BigDecimal.ZERO;
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      for (int n = 0; n < EVENTS; n++) {
        producer.send(
            pipeline.topic,
            generator.customer(n),
            generator.json(n).getBytes(StandardCharsets.UTF_8));
        total = total.add(new BigDecimal(generator.quantity(n)));
      }
      producer.flush();
    }

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer")) {
      pipeline.await(
          EVENTS + " rows",
          Duration.ofSeconds(120),
          () -> pipeline.clickHouse.queryLong("SELECT count() FROM " + table) == EVENTS,
          EVENTS,
          consumer);

      assertThat(pipeline.clickHouse.queryLong("SELECT uniqExact(event_id) FROM " + table))
          .isEqualTo(EVENTS);
      assertThat(
              new BigDecimal(
                  pipeline.clickHouse.queryLines("SELECT sum(quantity) FROM " + table).get(0)))
          .isEqualByComparingTo(total);
      assertThat(
              pipeline.clickHouse.queryLines(
                  "SELECT toString(event_id), customer, tags, client_ip FROM "
                      + table
                      + " WHERE kafka_offset = 0 ORDER BY customer LIMIT 1"))
          .singleElement()
          .asString()
          .contains("\t['billing','");
      assertThat(consumer.metric("batchline_events_dead_lettered_total")).isZero();
    }
  }
}
