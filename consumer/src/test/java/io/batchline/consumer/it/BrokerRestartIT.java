package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker restarted under load: commits and fetches fail for a while, the consumer rides
 * it out without dying, and nothing is lost.
 */
class BrokerRestartIT {

  private static final int EVENTS = 30_000;
  private static final int RATE = 1_500;

  @Test
  void brokerRestartUnderLoadLosesNothing() {
    PipelineFixture pipeline = new PipelineFixture("brokerrestart", 4);

    // The load starts once the consumer is ready, so the restart happens while it still runs.
    try (ConsumerProcess consumer =
            pipeline.readyConsumer(pipeline.environment(500, 1), "consumer");
        EventLoad load = pipeline.startLoad(EVENTS, RATE)) {
      pipeline.awaitReceived(consumer, 3_000, EVENTS);

      long restarting = System.nanoTime();
      try {
        pipeline.stack.run(Set.of(0), "restart", "kafka");
      } finally {
        pipeline.stack.run(Set.of(0), "up", "kafka");
      }
      long restarted = System.nanoTime();
      System.out.printf(
          "[broker] restarted in %d ms at %d of %d produced%n",
          Duration.ofNanos(restarted - restarting).toMillis(), load.sent(), EVENTS);

      pipeline.awaitLoad(load, Duration.ofMinutes(3), consumer);
      pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(2), consumer);
      FaultFigures figures =
          pipeline.figures(EVENTS, Duration.ofNanos(System.nanoTime() - restarted));
      figures.print("BrokerRestartIT");
      assertThat(consumer.isAlive()).as(() -> pipeline.state(EVENTS, consumer)).isTrue();
      pipeline.await("consumer ready again", Duration.ofSeconds(60), consumer::isReady, EVENTS);
    }
  }
}
