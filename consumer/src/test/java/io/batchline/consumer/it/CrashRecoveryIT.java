package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load loses nothing: offsets are committed only after the insert, so whatever a
 * killed consumer had buffered is read again by the next one.
 */
class CrashRecoveryIT {

  private static final int EVENTS = 200_000;
  private static final int RATE = 6_000;
  private static final int KILLS = 3;

  @Test
  void everyIdArrivesAfterThreeKillsAtRandomMomentsUnderLoad() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PipelineFixture pipeline = new PipelineFixture("crash", 4);
    Map<String, String> env = pipeline.environment(1000, 1);
    // Polls that do not line up with batches leave records buffered after every size flush.
    env.put("KAFKA_PROPERTIES_MAX_POLL_RECORDS", "600");

    try (EventLoad load = pipeline.startLoad(EVENTS, RATE)) {
      for (int kill = 1; kill <= KILLS; kill++) {
        try (ConsumerProcess consumer = pipeline.consumer(env, "consumer-" + kill)) {
          // A random point in the poll stream, with events buffered that are not written yet;
          // capped so that a slow machine, where the load may be over by now, still gets there.
          long remaining = EVENTS - pipeline.distinctIds();
          long threshold = Math.min(5_000 + random.nextInt(20_000), remaining / 2);
          pipeline.awaitBuffered(consumer, threshold, EVENTS);
          consumer.kill();
          pipeline.awaitExit(consumer, Duration.ofSeconds(30), EVENTS);
          System.out.printf(
              "[crash] seed=%d kill %d after %d received, %d of %d produced%n",
              seed, kill, threshold, load.sent(), EVENTS);
        }
      }

      long restarted = System.nanoTime();
      try (ConsumerProcess last = pipeline.consumer(env, "consumer-final")) {
        pipeline.awaitLoad(load, Duration.ofMinutes(3), last);
        pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(3), last);
        Duration drain = Duration.ofNanos(System.nanoTime() - restarted);
        FaultFigures figures = pipeline.figures(EVENTS, drain);
        figures.print("CrashRecoveryIT seed=" + seed);
        assertThat(figures.present()).isEqualTo(EVENTS);
      }
    }
  }
}
