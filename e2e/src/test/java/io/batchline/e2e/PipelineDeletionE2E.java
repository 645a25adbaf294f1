package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.testkit.EventGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting a pipeline under load: garbage collection removes every object the operator made, each
 * consumer drains on its way out, and a pipeline created again with the same consumer group picks
 * up where the old one committed, so that every id still arrives exactly once after FINAL.
 */
class PipelineDeletionE2E {

  static final int RATE = 200;

  @Test
  void deletingThePipelineRemovesEveryObjectAndTheConsumersDrain() {
    var cluster = E2eCluster.get();
    var pipeline = PipelineUnderTest.prepare(cluster, "deletion", 4);
    var ids = new IdCheck(cluster.stack.clickHouse(), pipeline.table);
    var spec =
        """
        replicas: 2
        batch:
          size: 200
          flushSeconds: 2
        """;
    pipeline.apply(spec);
    pipeline.awaitReady(2, Duration.ofMinutes(3));
    var pods = pipeline.podNames();
    var events = new EventGenerator("delete", 20, System.currentTimeMillis());
    try (var recorder = new PodRecorder(pipeline);
        var load = SteadyLoad.start(cluster.stack.kafkaBootstrap(), pipeline.topic, events, RATE)) {
      load.awaitWrittenFromNow(ids, events);
      E2eLog.say("objects before the delete: %s", owned(pipeline));
      cluster.kubectl(
          "-n", pipeline.namespace, "delete", Names.RESOURCE, pipeline.name, "--wait=false");
      E2eLog.say("pipeline deleted with %d events sent", load.sent());
      await("every object of the pipeline garbage-collected")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> owned(pipeline).isEmpty());
      E2eLog.say("all objects gone");
      for (var pod : pods) {
        var record = recorder.pod(pod);
        E2eLog.say("deleted pod %s", record);
        assertThat(record.log()).as(pod).contains(Names.DRAIN_STARTED, Names.DRAIN_COMPLETE);
        assertThat(record.exitCode()).as(pod).contains(0);
      }
      var count = load.stop();
      var written = ids.figures(events, count);
      E2eLog.say("after the delete: %s", written);

      pipeline.apply(spec);
      pipeline.awaitReady(2, Duration.ofMinutes(3));
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(3));
      E2eLog.say("created again, same consumer group: %s", figures);
      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
    cluster.client.namespaces().withName(pipeline.namespace).delete();
  }

  /** Everything in the namespace that the operator made for the pipeline, by kind/name. */
  private static List<String> owned(PipelineUnderTest pipeline) {
    var client = pipeline.cluster.client;
    var ns = pipeline.namespace;
    var label = Names.INSTANCE_LABEL;
    var objects = new ArrayList<HasMetadata>();
    objects.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
    objects.addAll(client.apps().replicaSets().inNamespace(ns).list().getItems());
    objects.addAll(client.pods().inNamespace(ns).withLabel(label, pipeline.name).list().getItems());
    objects.addAll(
        client.configMaps().inNamespace(ns).withLabel(label, pipeline.name).list().getItems());
    objects.addAll(client.services().inNamespace(ns).list().getItems());
    objects.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
    objects.addAll(
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
