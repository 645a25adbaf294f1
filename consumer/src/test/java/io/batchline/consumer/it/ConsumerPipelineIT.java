package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.testkit.ConsumerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real consumer process against the real Kafka broker and ClickHouse server. */
class ConsumerPipelineIT {

  private static final int EVENTS = 10_000;
  private static final int BATCH_SIZE = 500;

  @Test
  void everyEventArrivesInBatchedInsertsAndSigtermDrainsCleanly() {
    PipelineFixture pipeline = new PipelineFixture("basic", 4);
    pipeline.produce(0, EVENTS);

    try (ConsumerProcess consumer =
        pipeline.consumer(pipeline.environment(BATCH_SIZE, 1), "consumer")) {
      await("consumer ready").atMost(Duration.ofSeconds(60)).until(consumer::isReady);
      await("all events in ClickHouse")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> pipeline.distinctIds() >= EVENTS);

      assertThat(pipeline.missingIds(EVENTS)).isEmpty();
      assertThat(pipeline.rows()).isEqualTo(EVENTS);
      long inserts = pipeline.finishedInserts();
      assertThat(inserts)
          .as("INSERT statements for %d events in batches of %d", EVENTS, BATCH_SIZE)
          .isBetween((long) EVENTS / BATCH_SIZE, 2L * EVENTS / BATCH_SIZE + 8);
      assertThat(consumer.metric("batchline_events_written_total")).isEqualTo(EVENTS);

      consumer.terminate();
      assertThat(consumer.waitForExit(Duration.ofSeconds(40))).isZero();
      assertThat(consumer.log())
          .contains(
              "initialized event consumption service with batching batch_size=500 flush_interval=1s")
          .contains("LZ4 codec for Kafka records and ClickHouse requests: LZ4Factory:JNI")
          .contains("shutting down event consumption service")
          .contains("stopping batch flusher")
          .contains("event consumption service shutdown complete");
    }
  }
}
