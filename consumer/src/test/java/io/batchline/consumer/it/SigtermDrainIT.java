package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load drains: the buffer is flushed and its offsets committed before the consumer
 * leaves, so the next consumer starts exactly where it stopped and writes no row twice.
 */
class SigtermDrainIT {

  private static final int EVENTS = 40_000;
  private static final int RATE = 4_000;
  private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

  @Test
  void sigtermDrainsCommitsAndExitsZeroSoTheNextConsumerWritesNoDuplicate() {
    long seed = System.nanoTime();
    PipelineFixture pipeline = new PipelineFixture("sigterm", 4);
    pipeline.stopMerges();
    // A large batch and a long flush interval keep the buffer full when the signal comes.
    Map<String, String> env = pipeline.environment(5000, 5);
    // Polls that do not line up with batches leave records buffered after every size flush.
    env.put("KAFKA_PROPERTIES_MAX_POLL_RECORDS", "600");

    // The load starts once the consumer is ready, so that a slow start on a busy machine cannot
    // leave the consumer a finished backlog instead of a running load to be terminated under.
    try (ConsumerProcess first = pipeline.readyConsumer(env, "terminated");
        EventLoad load = pipeline.startLoad(EVENTS, RATE)) {
      long threshold = 8_000 + new Random(seed).nextInt(12_000);
      pipeline.awaitBuffered(first, threshold, EVENTS);
      long buffered = (long) first.metric("batchline_buffer_records");
      long signalled = System.nanoTime();
      first.terminate();
      int exitCode = pipeline.awaitExit(first, GRACE_PERIOD, EVENTS);
      Duration exitTook = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.printf(
          "[sigterm] seed=%d SIGTERM after %d received with %d buffered, %d of %d produced;"
              + " exit %d after %d ms%n",
          seed, threshold, buffered, load.sent(), EVENTS, exitCode, exitTook.toMillis());
      assertThat(exitCode).as(() -> pipeline.state(EVENTS, first)).isZero();
      assertThat(first.log())
          .contains("shutting down event consumption service")
          .contains("event consumption service shutdown complete drained=true");

      long restarted = System.nanoTime();
      try (ConsumerProcess second = pipeline.consumer(env, "successor")) {
        pipeline.awaitLoad(load, Duration.ofMinutes(2), second);
        pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(2), second);
        FaultFigures figures =
            pipeline.figures(EVENTS, Duration.ofNanos(System.nanoTime() - restarted));
        figures.print("SigtermDrainIT seed=" + seed);
        assertThat(figures.rowsBeforeFinal())
            .as("count() before FINAL equals uniqExact(id): no row written twice")
            .isEqualTo(figures.present());
        assertThat(figures.rowsWritten())
            .as("rows written by all INSERTs (merges cannot hide a duplicate here)")
            .isEqualTo(EVENTS);
      }
    }
  }
}
