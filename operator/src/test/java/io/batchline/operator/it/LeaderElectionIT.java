package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two operator instances on one Lease: only the holder reconciles; the other takes over. */
class LeaderElectionIT {

  private static final String LEASE = "batchline-operator-ha";
  private static final Duration TIMEOUT = Duration.ofSeconds(45);

  private static KubernetesClient client;
  private static String namespace;
  private static BatchlineOperator first;
  private static BatchlineOperator second;

  private static BatchlineOperator start(String identity) {
    return TestOperator.start(
        client,
        TestOperator.env(
            namespace, identity, "BATCHLINE_LEASE_NAME", LEASE, "BATCHLINE_LEASE_SECONDS", "3"));
  }

  @BeforeAll
  static void startTwoInstances() {
    var server = RealApiServer.get();
    client = server.client();
    namespace = server.namespace("leader-election");
    first = start("operator-a");
    second = start("operator-b");
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
  }

  private static String holder() {
    var lease = client.resources(Lease.class).inNamespace(namespace).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static double reconciles(BatchlineOperator operator) {
    return operator.registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static void createAndAwaitStatus(String name) {
    client.resource(TestPipelines.unsaved(name, namespace)).create();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var pipeline =
                  client.resources(EventPipeline.class).inNamespace(namespace).withName(name).get();
              return pipeline.getStatus() != null
                  && pipeline.getStatus().getObservedGeneration() != null;
            });
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherTakesOver() {
    await().atMost(TIMEOUT).until(() -> holder() != null);
    var instances = Map.of("operator-a", first, "operator-b", second);
    var leaderName = holder();
    var leader = instances.get(leaderName);
    var follower = leader == first ? second : first;

    createAndAwaitStatus("led");

    assertThat(reconciles(leader)).isPositive();
    assertThat(reconciles(follower)).isZero();

    leader.close();
    await().atMost(TIMEOUT).until(() -> !leaderName.equals(holder()));
    createAndAwaitStatus("taken-over");

    assertThat(reconciles(follower)).isPositive();
  }
}
