package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM ends the consumer in seconds, not at its drain deadline: records that merely wait for the
 * rate limit are dropped uncommitted, and a write that keeps failing is left uncommitted after one
 * more try. The next consumer writes everything, and nothing twice.
 */
class DrainIT {

  private static final int EVENTS = 3_000;
  private static final Duration QUICK_EXIT = Duration.ofSeconds(5);

  @Test
  void sigtermWithRecordsWaitingForTheRateLimitExitsAtOnce() {
    PipelineFixture pipeline = new PipelineFixture("ratedrain", 2);
    pipeline.stopMerges();
    Map<String, String> env = pipeline.environment(200, 5);
    env.put("EVENT_PROCESSING_RATE_LIMIT", "50");
    pipeline.produce(0, EVENTS);

    try (ConsumerProcess limited = pipeline.readyConsumer(env, "limited")) {
      pipeline.await(
          "some events written at 50/s",
          Duration.ofSeconds(60),
          () -> pipeline.distinctIds() >= 50,
          EVENTS,
          limited);
      Duration exit = terminate(pipeline, limited);
      System.out.printf("[drain] rate-limited consumer exited in %d ms%n", exit.toMillis());
      assertThat(exit).isLessThan(QUICK_EXIT);
    }
    env.remove("EVENT_PROCESSING_RATE_LIMIT");
    try (ConsumerProcess successor = pipeline.readyConsumer(env, "successor")) {
      pipeline.awaitEveryId(EVENTS, Duration.ofSeconds(60), successor);
      assertThat(pipeline.writtenRows()).as("no row written twice").isEqualTo(EVENTS);
    }
  }

  @Test
  void sigtermWhileWritesFailExitsAtOnceAndLeavesTheBatchForTheNextConsumer() {
    PipelineFixture pipeline = new PipelineFixture("faildrain", 2);
    Map<String, String> env = pipeline.environment(200, 1);
    try (ConsumerProcess consumer = pipeline.readyConsumer(env, "failing")) {
      try {
        pipeline.stack.run(Set.of(0), "down", "clickhouse");
        pipeline.produce(0, EVENTS);
        pipeline.await(
            "writes failing",
            Duration.ofSeconds(60),
            () -> consumer.metric("batchline_flush_failures_total") > 0,
            EVENTS,
            consumer);
        Duration exit = terminate(pipeline, consumer);
        System.out.printf(
            "[drain] consumer with failing writes exited in %d ms%n", exit.toMillis());
        assertThat(exit).isLessThan(QUICK_EXIT);
        assertThat(consumer.log())
            .contains("left events uncommitted for the partition's next owner");
      } finally {
        pipeline.stack.run(Set.of(0), "up", "clickhouse");
      }
    }
    try (ConsumerProcess successor = pipeline.readyConsumer(env, "successor")) {
      pipeline.awaitEveryId(EVENTS, Duration.ofSeconds(60), successor);
    }
  }

  private static Duration terminate(PipelineFixture pipeline, ConsumerProcess consumer) {
    long signalled = System.nanoTime();
    consumer.terminate();
    int exitCode = pipeline.awaitExit(consumer, Duration.ofSeconds(40), EVENTS);
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    assertThat(exitCode).as(() -> pipeline.state(EVENTS, consumer)).isZero();
    return took;
  }
}
