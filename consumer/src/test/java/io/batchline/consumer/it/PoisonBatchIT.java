package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A batch of 10,000 events that ClickHouse rejects row by row (the table's own check, a
 * MATERIALIZED throwIf column): the rows are isolated while the consumer keeps polling and writing
 * its other partition, bisection stops at its time limit and dead-letters what is left, liveness
 * never goes down, and every good event around the poison arrives.
 */
class PoisonBatchIT {

  private static final int POISON = 10_000;
  private static final int GOOD_BEFORE = 500;
  private static final int GOOD_AFTER = 500;
  private static final int OTHER_PARTITION = 3_000;

  @Test
  void rowsRejectedOneByOneAreIsolatedWhileTheConsumerKeepsWorking() throws Exception {
    PipelineFixture pipeline = new PipelineFixture("poison", 2);
    pipeline.clickHouse.query(
        "ALTER TABLE "
            + pipeline.qualifiedTable()
            + " ADD COLUMN poison_check UInt8 MATERIALIZED throwIf(event_name = 'poison')");
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    Map<String, String> env = pipeline.environment(10_000, 1);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);
    env.put("EVENT_PROCESSING_BISECT_TIMEOUT", "30s");

    try (ConsumerProcess consumer = pipeline.readyConsumer(env, "consumer");
        EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap());
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic)) {
      long pid = consumer.pid();
      long n = 0;
      for (; n < GOOD_BEFORE; n++) {
        producer.send(pipeline.topic, 0, "k", pipeline.generator.json(n));
      }
      long poisonSent = System.nanoTime();
      for (int i = 0; i < POISON; i++) {
        producer.send(
            pipeline.topic,
            0,
            "k",
            "{\"id\":\"poison-"
                + i
                + "\",\"event_name\":\"poison\",\"external_customer_id\":\"c\"}");
      }
      for (; n < GOOD_BEFORE + GOOD_AFTER; n++) {
        producer.send(pipeline.topic, 0, "k", pipeline.generator.json(n));
      }
      producer.flush();

      AtomicBoolean alwaysLive = new AtomicBoolean(true);
      for (int i = 0; i < OTHER_PARTITION; i++, n++) {
        producer.send(pipeline.topic, 1, "k", pipeline.generator.json(n));
        if (i % 100 == 99) {
          producer.flush();
          alwaysLive.compareAndSet(true, consumer.status("/q/health/live") == 200);
          Thread.sleep(100);
        }
      }
      producer.flush();
      long total = n;
      long otherPartitionLast = total - 1;
      Duration otherWritten =
          pipeline.awaitId(
              pipeline.generator.id(otherPartitionLast),
              poisonSent,
              Duration.ofSeconds(60),
              consumer);
      boolean isolatingStill = dlq.poll().size() < POISON;

      Duration allGood =
          pipeline.awaitId(
              pipeline.generator.id(GOOD_BEFORE + GOOD_AFTER - 1),
              poisonSent,
              Duration.ofSeconds(60),
              consumer);
      PipelineFixture.printStall("PoisonBatchIT", allGood);
      pipeline.awaitEveryId(total, Duration.ofSeconds(30), consumer);
      pipeline.await(
          "every poison event dead-lettered",
          Duration.ofSeconds(60),
          () -> dlq.poll().size() >= POISON,
          total,
          consumer);
      System.out.printf(
          "[poison] other partition written %d ms after the poison, while isolating: %s%n",
          otherWritten.toMillis(), isolatingStill);

      assertThat(dlq.poll())
          .hasSize(POISON)
          .allSatisfy(
              r ->
                  assertThat(TopicReader.header(r, "batchline.reason"))
                      .isEqualTo("rejected_by_clickhouse"));
      assertThat(isolatingStill)
          .as("the other partition was written while the poison batch was being bisected")
          .isTrue();
      assertThat(alwaysLive.get()).as("liveness stayed UP").isTrue();
      assertThat(consumer.pid()).isEqualTo(pid);
      assertThat(consumer.isAlive()).isTrue();
    }
  }
}
