package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * Rotating the ClickHouse login in the pipeline's Secret, under load: the consumers roll by
 * themselves, the new ones insert as the new user, and nothing is lost.
 */
class SecretRotationE2E {

  static final int RATE = 200;

  @Test
  void rotatingTheCredentialsSecretRollsTheConsumersAndLosesNothing() {
    var cluster = E2eCluster.get();
    var pipeline = PipelineUnderTest.prepare(cluster, "rotation", 4);
    var ids = new IdCheck(cluster.stack.clickHouse(), pipeline.table);
    pipeline.apply(
        """
        replicas: 2
        batch:
          size: 200
          flushSeconds: 2
        """);
    pipeline.awaitReady(2, Duration.ofMinutes(3));
    var oldPods = pipeline.podNames();
    var events = new EventGenerator("rotate", 20, System.currentTimeMillis());
    try (var load =
        SteadyLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, RATE)) {
      load.awaitWrittenFromNow(ids, events);
      var rotated = Instant.now();
      pipeline.writeSecret(Names.CLICKHOUSE_USER_B, Names.CLICKHOUSE_PASSWORD_B);
      E2eLog.say("Secret rotated to %s with %d events sent", Names.CLICKHOUSE_USER_B, load.sent());
      await("every consumer replaced")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> pipeline.podNames().stream().noneMatch(oldPods::contains));
      pipeline.awaitReady(2, Duration.ofMinutes(3));
      load.awaitWrittenFromNow(ids, events);
      var count = load.stop();
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(3));
      // What the new consumers write: they log in with the rotated credentials.
      var after = new EventGenerator("rotated", 20, System.currentTimeMillis());
      try (var more =
          EventLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, after, 10 * RATE, RATE)) {
        more.await(Duration.ofMinutes(1));
      }
      var afterFigures = ids.awaitAll(after, 10 * RATE, Duration.ofMinutes(2));
      await("inserts as " + Names.CLICKHOUSE_USER_B + " in system.query_log")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> inserts(cluster, pipeline, Names.CLICKHOUSE_USER_B, rotated) > 0);
      var insertsByNewUser = inserts(cluster, pipeline, Names.CLICKHOUSE_USER_B, rotated);
      var insertsByOldUser = inserts(cluster, pipeline, Names.CLICKHOUSE_USER_A, rotated);
      E2eLog.say(
          "rotation: pods %s -> %s; since the rotation %d inserts as %s, %d as %s; during: %s; after: %s",
          oldPods,
          pipeline.podNames(),
          insertsByNewUser,
          Names.CLICKHOUSE_USER_B,
          insertsByOldUser,
          Names.CLICKHOUSE_USER_A,
          figures,
          afterFigures);

      assertThat(afterFigures.missing()).isEmpty();
      assertThat(insertsByNewUser).isPositive();
      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
    cluster.client.namespaces().withName(pipeline.namespace).delete();
  }

  /** Finished INSERTs into the pipeline's table by this ClickHouse user since a moment. */
  private static long inserts(
      E2eCluster cluster, PipelineUnderTest pipeline, String user, Instant since) {
    return cluster
        .stack
        .clickHouse()
        .queryLong(
            "SELECT count() FROM system.query_log WHERE type = 2 AND user = '"
                + user
                + "' AND query LIKE 'INSERT INTO "
                + pipeline.table
                + "%' AND event_time >= toDateTime('"
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(ZoneOffset.UTC)
                    .format(since)
                + "')");
  }
}
