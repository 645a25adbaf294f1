package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scaling 1 → 3 → 1 under load: partitions move twice, and each consumer flushes and commits what
 * it holds before giving a partition up. Nothing is lost.
 */
class RebalanceIT {

  private static final int EVENTS = 50_000;
  private static final int RATE = 1_500;

  @Test
  void oneConsumerBecomesThreeThenOneUnderLoadAndEveryIdArrives() {
    PipelineFixture pipeline = new PipelineFixture("rebalance", 6);
    Map<String, String> env = pipeline.environment(500, 1);

    // The load starts once the first consumer is ready, so the rebalances happen under load.
    try (ConsumerProcess first = pipeline.readyConsumer(env, "first");
        EventLoad load = pipeline.startLoad(EVENTS, RATE)) {
      pipeline.awaitReceived(first, 3_000, EVENTS);

      try (ConsumerProcess second = pipeline.consumer(env, "second");
          ConsumerProcess third = pipeline.consumer(env, "third")) {
        for (ConsumerProcess added : List.of(second, third)) {
          pipeline.await(
              "the added consumer consuming its share",
              PipelineFixture.READY_TIMEOUT,
              () ->
                  added.log().contains("partitions assigned [")
                      && (load.isDone() || added.metric("batchline_events_received_total") > 0),
              EVENTS,
              first,
              second,
              third);
        }
        System.out.printf("[rebalance] 3 consumers at %d of %d produced%n", load.sent(), EVENTS);
        assertThat(first.log()).contains("partitions revoked, flushing before giving them up");

        second.terminate();
        third.terminate();
        assertThat(pipeline.awaitExit(second, Duration.ofSeconds(30), EVENTS)).isZero();
        assertThat(pipeline.awaitExit(third, Duration.ofSeconds(30), EVENTS)).isZero();
        System.out.printf("[rebalance] back to 1 at %d of %d produced%n", load.sent(), EVENTS);
      }

      long scaledDown = System.nanoTime();
      pipeline.awaitLoad(load, Duration.ofMinutes(2));
      pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(2), first);
      FaultFigures figures =
          pipeline.figures(EVENTS, Duration.ofNanos(System.nanoTime() - scaledDown));
      figures.print("RebalanceIT");
      assertThat(first.isAlive()).isTrue();
    }
  }
}
