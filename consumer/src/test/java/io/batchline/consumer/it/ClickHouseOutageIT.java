package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import io.batchline.testkit.RssSampler;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ClickHouse stopped for a minute under load: the consumer keeps the batch, pauses its partitions
 * (memory stays flat however large the backlog), reports not ready, and resumes when ClickHouse is
 * back. Nothing is lost.
 */
class ClickHouseOutageIT {

  private static final int EVENTS = 45_000;
  private static final int RATE = 500;
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final long RSS_LIMIT_MB = 400;

  @Test
  void pausesWhileClickHouseIsDownResumesAfterwardsAndLosesNothing() throws InterruptedException {
    PipelineFixture pipeline = new PipelineFixture("chdown", 4);
    try (EventLoad load = pipeline.startLoad(EVENTS, RATE);
        ConsumerProcess consumer =
            pipeline.readyConsumer(pipeline.environment(1000, 1), "consumer");
        RssSampler rss = RssSampler.start(consumer.pid(), Duration.ofMillis(500))) {
      pipeline.await(
          "rows before the outage", Duration.ofSeconds(60), () -> pipeline.rows() > 0, 0, consumer);

      long stopped = System.nanoTime();
      try {
        pipeline.stack.run(Set.of(0), "down", "clickhouse");
        System.out.printf("[outage] ClickHouse down at %d of %d produced%n", load.sent(), EVENTS);
        pipeline.await(
            "paused, flush failures and readiness 503 while ClickHouse is down",
            OUTAGE.minusSeconds(5),
            () ->
                consumer.metric("batchline_paused") == 1
                    && consumer.metric("batchline_flush_failures_total") > 0
                    && consumer.status("/q/health/ready") == 503,
            EVENTS,
            consumer);
        long heldFor = Duration.ofNanos(System.nanoTime() - stopped).toMillis();
        // The scenario is a one-minute outage: hold it for the rest of the minute.
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - heldFor));
      } finally {
        pipeline.stack.run(Set.of(0), "up", "clickhouse");
      }
      long restored = System.nanoTime();
      double failures = consumer.metric("batchline_flush_failures_total");
      long backlog = load.sent();
      System.out.printf(
          "[outage] ClickHouse up after %d s: %d produced, %.0f flush failures, rss %d MB%n",
          Duration.ofNanos(restored - stopped).toSeconds(), backlog, failures, rss.lastMb());

      pipeline.await(
          "resumed: not paused and ready again",
          Duration.ofSeconds(90),
          () -> consumer.metric("batchline_paused") == 0 && consumer.isReady(),
          EVENTS,
          consumer);
      pipeline.awaitLoad(load, Duration.ofMinutes(2), consumer);
      pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(2), consumer);
      FaultFigures figures =
          pipeline.figures(EVENTS, Duration.ofNanos(System.nanoTime() - restored));
      figures.print(
          "ClickHouseOutageIT peak_rss=" + rss.peakMb() + "MB rss_samples=" + rss.samples());
      assertThat(rss.samples()).isGreaterThan(10);
      assertThat(rss.peakMb())
          .as("peak RSS of the consumer (-Xmx256m) through the outage")
          .isLessThan(RSS_LIMIT_MB);
      assertThat(consumer.isAlive()).isTrue();
    }
  }
}
