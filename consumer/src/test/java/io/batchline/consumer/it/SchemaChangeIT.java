package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A column's type changed under a running consumer ({@code customer_id} to {@code Nullable(String)}
 * and back): the consumer reads the table's columns again, encodes the batch anew and carries on;
 * every id arrives and the same process keeps running.
 */
class SchemaChangeIT {

  private static final int EVENTS = 30_000;
  private static final int MORE = 5_000;

  @Test
  void followsAColumnTypeChangeAndBackWithoutLosingOrStopping() {
    PipelineFixture pipeline = new PipelineFixture("schema", 3);
    try (ConsumerProcess consumer =
            pipeline.readyConsumer(pipeline.environment(500, 1), "consumer");
        EventLoad load = pipeline.startLoad(EVENTS, 2_000)) {
      long pid = consumer.pid();
      pipeline.await(
          "1,500 rows before the change",
          Duration.ofSeconds(60),
          () -> pipeline.distinctIds() >= 1_500,
          EVENTS,
          consumer);

      long before = pipeline.distinctIds();
      long altered = System.nanoTime();
      pipeline.clickHouse.query(
          "ALTER TABLE "
              + pipeline.qualifiedTable()
              + " MODIFY COLUMN customer_id Nullable(String)");
      pipeline.await(
          "rows written after the change",
          Duration.ofSeconds(60),
          () -> pipeline.distinctIds() > before + 500,
          EVENTS,
          consumer);
      PipelineFixture.printStall(
          "SchemaChangeIT to Nullable(String)", Duration.ofNanos(System.nanoTime() - altered));
      pipeline.awaitLoad(load, Duration.ofMinutes(2), consumer);
      pipeline.awaitEveryId(EVENTS, Duration.ofSeconds(60), consumer);

      long backAgain = System.nanoTime();
      pipeline.clickHouse.query(
          "ALTER TABLE " + pipeline.qualifiedTable() + " MODIFY COLUMN customer_id String");
      pipeline.produce(EVENTS, MORE);
      pipeline.awaitEveryId(EVENTS + MORE, Duration.ofSeconds(60), consumer);
      PipelineFixture.printStall(
          "SchemaChangeIT back to String", Duration.ofNanos(System.nanoTime() - backAgain));

      assertThat(consumer.isAlive()).isTrue();
      assertThat(consumer.pid()).isEqualTo(pid);
      assertThat(consumer.log()).contains("table columns changed, batch encoded again");
      assertThat(
              pipeline.clickHouse.queryLong(
                  "SELECT count() FROM "
                      + pipeline.qualifiedTable()
                      + " WHERE customer_id NOT LIKE 'int-%'"))
          .as("no row was written misaligned")
          .isZero();
    }
  }
}
