package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A pipeline of two consumers under steady load, then a change of {@code spec.batch.size} under
 * load: a real rolling update, in which every old consumer drains on SIGTERM and exits 0 within its
 * grace period, and no id is lost.
 */
@TestMethodOrder(OrderAnnotation.class)
class RollingUpdateE2E {

  static final int RATE = 200;

  static E2eCluster cluster;
  static PipelineUnderTest pipeline;
  static IdCheck ids;

  @BeforeAll
  static void prepare() {
    cluster = E2eCluster.get();
    pipeline = PipelineUnderTest.prepare(cluster, "rolling", 4);
    ids = new IdCheck(cluster.stack.clickHouse(), pipeline.table);
  }

  @AfterAll
  static void removeThePipeline() {
    if (pipeline != null) {
      cluster.client.namespaces().withName(pipeline.namespace).delete();
    }
  }

  @Test
  @Order(1)
  void aNewPipelineOfTwoConsumersWritesEveryIdOfASteadyLoad() {
    var events = new EventGenerator("create", 20, System.currentTimeMillis());
    long count = 20 * RATE;
    try (var load =
        EventLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, count, RATE)) {
      E2eLog.say("load started: %d events at %d/s; creating the pipeline", count, RATE);
      pipeline.apply(
          """
          replicas: 2
          batch:
            size: 200
            flushSeconds: 2
          """);
      pipeline.awaitReady(2, Duration.ofMinutes(3));
      load.await(Duration.ofMinutes(3));
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(2));
      E2eLog.say("create: %s", figures);

      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
      // read-only root, /tmp an emptyDir: lz4-java's native codec still loads
      String podLog =
          cluster
              .client
              .pods()
              .inNamespace(pipeline.namespace)
              .withName(pipeline.pods().get(0).getMetadata().getName())
              .inContainer(Names.CONSUMER_CONTAINER)
              .getLog();
      assertThat(podLog)
          .contains("LZ4 codec for Kafka records and ClickHouse requests: LZ4Factory:JNI");
    }
  }

  @Test
  @Order(2)
  void changingTheBatchSizeUnderLoadRollsEveryConsumerAndLosesNothing() {
    var events = new EventGenerator("roll", 20, System.currentTimeMillis());
    var oldPods = pipeline.podNames();
    try (var recorder = new PodRecorder(pipeline);
        var load = SteadyLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, RATE)) {
      load.awaitWrittenFromNow(ids, events);
      pipeline.patch("{\"spec\":{\"batch\":{\"size\":500}}}");
      E2eLog.say(
          "spec.batch.size 200 -> 500 with %d events sent; old pods %s", load.sent(), oldPods);

      pipeline.awaitReady(2, Duration.ofMinutes(5));
      var newPods = pipeline.podNames();
      E2eLog.say("rollout complete: new pods %s, %d events sent", newPods, load.sent());
      load.awaitWrittenFromNow(ids, events);
      var count = load.stop();
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(2));

      E2eLog.say("rolling update: %s", figures);
      assertThat(newPods).as("every pod replaced").doesNotContainAnyElementsOf(oldPods);
      for (var pod : oldPods) {
        var record = recorder.pod(pod);
        await("pod " + pod + " terminated")
            .atMost(Duration.ofMinutes(2))
            .until(() -> record.terminated != null);
        E2eLog.say("old pod %s", record);
        assertThat(record.sigterm)
            .as(pod + " stopped while the load ran")
            .isBefore(load.stoppedAt());
        assertThat(record.log())
            .as(pod + " log")
            .contains(Names.DRAIN_STARTED, Names.DRAIN_COMPLETE);
        assertThat(record.exitCode()).as(pod + " exit code").contains(0);
        assertThat(record.endedWithinGrace()).as(pod + " ended within its grace period").isTrue();
      }
      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
  }
}
