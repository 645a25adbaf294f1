package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.EventGenerator;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code kubectl scale} of the pipeline through its scale subresource, 2 to 3 to 1 under load, and
 * {@code kubectl drain} of the node's consumer pods through the eviction API, which the pipeline's
 * PodDisruptionBudget (maxUnavailable 1) limits to one pod at a time: on one node the evicted
 * consumer cannot come back while the node is cordoned, so the second eviction is refused.
 */
@TestMethodOrder(OrderAnnotation.class)
@Isolated
class ScaleAndDrainE2E {

  static final int RATE = 200;

  static E2eCluster cluster;
  static PipelineUnderTest pipeline;
  static IdCheck ids;
  static String node;

  @BeforeAll
  static void prepare() {
    cluster = E2eCluster.get();
    pipeline = PipelineUnderTest.prepare(cluster, "scaling", 4);
    ids = new IdCheck(cluster.stack.clickHouse(), pipeline.table);
    node = cluster.client.nodes().list().getItems().get(0).getMetadata().getName();
    pipeline.apply(
        """
        replicas: 2
        batch:
          size: 200
          flushSeconds: 2
        """);
    pipeline.awaitReady(2, Duration.ofMinutes(3));
  }

  @AfterAll
  static void uncordon() {
    if (cluster != null) {
      cluster.kubectl("uncordon", node);
      cluster.client.namespaces().withName(pipeline.namespace).delete();
    }
  }

  @Test
  @Order(1)
  void scalingToThreeThenOneUnderLoadLosesNothing() {
    var events = new EventGenerator("scale", 20, System.currentTimeMillis());
    try (var load =
        SteadyLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, RATE)) {
      load.awaitWrittenFromNow(ids, events);
      pipeline.scale(3);
      E2eLog.say("kubectl scale --replicas=3 with %d events sent", load.sent());
      pipeline.awaitReady(3, Duration.ofMinutes(3));
      pipeline.scale(1);
      E2eLog.say("kubectl scale --replicas=1 with %d events sent", load.sent());
      pipeline.awaitReady(1, Duration.ofMinutes(3));
      load.awaitWrittenFromNow(ids, events);
      var count = load.stop();
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(3));
      E2eLog.say("scale 2 -> 3 -> 1: %s", figures);

      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
  }

  @Test
  @Order(2)
  void drainingTheNodeEvictsOneConsumerAtATimeAsThePodDisruptionBudgetSays() {
    pipeline.scale(2);
    pipeline.awaitReady(2, Duration.ofMinutes(3));
    var before = pipeline.podNames();
    var events = new EventGenerator("drain", 20, System.currentTimeMillis());
    try (var recorder = new PodRecorder(pipeline);
        var load = SteadyLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, RATE)) {
      load.awaitWrittenFromNow(ids, events);
      E2eLog.say("kubectl drain %s of the consumer pods %s", node, before);
      var drain =
          cluster.kubectl(
              Set.of(0, 1),
              "drain",
              node,
              "--pod-selector=" + Names.INSTANCE_LABEL + "=" + pipeline.name,
              "--delete-emptydir-data",
              "--timeout=30s");
      E2eLog.say("kubectl drain exited %d", drain.exitCode());
      var evicted =
          before.stream()
              .filter(p -> recorder.pod(p) != null && recorder.pod(p).sigterm != null)
              .toList();
      var running =
          pipeline.pods().stream().filter(p -> p.getStatus().getPhase().equals("Running")).count();

      assertThat(drain.exitCode()).as("drain cannot finish while the PDB holds").isEqualTo(1);
      assertThat(drain.output()).contains("disruption budget");
      assertThat(evicted).as("pods the eviction API let go").hasSize(1);
      assertThat(running).as("consumers still running during the drain").isEqualTo(1);

      cluster.kubectl("uncordon", node);
      pipeline.awaitReady(2, Duration.ofMinutes(3));
      load.awaitWrittenFromNow(ids, events);
      var count = load.stop();
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(3));
      E2eLog.say("drain: evicted %s; %s", recorder.pod(evicted.get(0)), figures);
      assertThat(recorder.pod(evicted.get(0)).log()).contains(Names.DRAIN_COMPLETE);
      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
  }
}
