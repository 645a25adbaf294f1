package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator of the operator relies on, on the real API server: pausing a pipeline, Events
 * for its state changes, the pod settings a platform needs, and the column mapping reaching the
 * consumers.
 */
class OperationsIT {

  private static RealApiServer server;
  private static PipelineNamespace ns;
  private static BatchlineOperator operator;
  private static PipelineTrees trees;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("operations"));
    trees = new PipelineTrees(server.client(), ns.namespace);
    operator = TestOperator.start(server.client(), TestOperator.env(ns.namespace, "ops-it"));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  private static void annotate(String name, String value) {
    server
        .client()
        .resources(EventPipeline.class)
        .inNamespace(ns.namespace)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"batchline.io/paused\":"
                + (value == null ? "null" : "\"" + value + "\"")
                + "}}}");
  }

  private static String batchSize(String name) {
    return ns.get(ConfigMap.class, name + "-config").getData().get("EVENT_PROCESSING_BATCH_SIZE");
  }

  @Test
  void aPausedPipelineKeepsItsObjectsUntilTheAnnotationGoes() {
    ns.create("frozen", true);
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> ns.get(ConfigMap.class, "frozen-config") != null);

    annotate("frozen", "true");
    ns.awaitCondition("frozen", "Progressing", "False", "Paused");
    ns.patchSpec("frozen", "{\"batch\":{\"size\":350}}");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> ns.pipeline("frozen").getStatus().getObservedGeneration() == 2L);

    assertThat(batchSize("frozen")).isEqualTo("200");
    assertThat(ns.condition("frozen", "Progressing").getReason()).isEqualTo("Paused");

    annotate("frozen", null);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(() -> assertThat(batchSize("frozen")).isEqualTo("350"));
  }

  @Test
  void eachStateChangeIsAnEventOnThePipeline() {
    ns.create("told", false);
    ns.awaitCondition("told", "Ready", "False", "SecretNotFound");
    ns.createSecret("told-ch");
    ns.awaitCondition("told", "Ready", "False", "ConsumersNotReady");
    ns.markDeploymentReady("told");
    ns.awaitCondition("told", "Ready", "True", "ConsumersReady");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(events("told"))
                    .extracting(Event::getType, Event::getReason)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple("Warning", "SecretNotFound"),
                        org.assertj.core.groups.Tuple.tuple("Normal", "ConsumersReady"),
                        org.assertj.core.groups.Tuple.tuple("Normal", "RolloutComplete")));
    assertThat(events("told"))
        .allSatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("EventPipeline");
              assertThat(e.getInvolvedObject().getUid())
                  .isEqualTo(ns.pipeline("told").getMetadata().getUid());
              assertThat(e.getSource().getComponent()).isEqualTo("batchline-operator");
            });
  }

  private static List<Event> events(String name) {
    return server.client().v1().events().inNamespace(ns.namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void thePodSettingsOfAPlatformReachTheConsumerPods() {
    var tree = tree("platform");
    var podTemplate = ((ObjectNode) tree.get("spec")).putObject("podTemplate");
    podTemplate.put("serviceAccountName", "billing-reader");
    podTemplate.put("priorityClassName", "pipelines");
    podTemplate.putArray("imagePullSecrets").addObject().put("name", "registry-login");
    var spread = podTemplate.putArray("topologySpreadConstraints").addObject();
    spread.put("maxSkew", 1).put("topologyKey", "topology.kubernetes.io/zone");
    spread.put("whenUnsatisfiable", "ScheduleAnyway");
    spread
        .putObject("labelSelector")
        .putObject("matchLabels")
        .put("app.kubernetes.io/instance", "platform");
    create(tree);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(ns.get(Deployment.class, "platform")).isNotNull();
              var pod = ns.get(Deployment.class, "platform").getSpec().getTemplate().getSpec();
              assertThat(pod.getServiceAccountName()).isEqualTo("billing-reader");
              assertThat(pod.getAutomountServiceAccountToken()).isFalse();
              assertThat(pod.getPriorityClassName()).isEqualTo("pipelines");
              assertThat(pod.getImagePullSecrets())
                  .singleElement()
                  .satisfies(s -> assertThat(s.getName()).isEqualTo("registry-login"));
              assertThat(pod.getTopologySpreadConstraints())
                  .singleElement()
                  .satisfies(
                      c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
            });
  }

  @Test
  void aColumnMappingReachesTheConsumersAsOneSortedVariable() {
    var tree = tree("mapped");
    ((ObjectNode) tree.get("spec").get("clickhouse"))
        .putObject("columns")
        .put("trace", "_header.trace-id")
        .put("region", "properties.region")
        .put("raw", "_event")
        .put("quantity", "properties.quantity");
    create(tree);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ns.get(ConfigMap.class, "mapped-config"))
                    .isNotNull()
                    .extracting(ConfigMap::getData)
                    .asInstanceOf(InstanceOfAssertFactories.map(String.class, String.class))
                    .containsEntry(
                        "CLICKHOUSE_COLUMNS",
                        "quantity=properties.quantity,raw=_event,region=properties.region,"
                            + "trace=_header.trace-id"));
  }

  /** A pipeline with its Secret, as a JSON tree to add fields to. */
  private static ObjectNode tree(String name) {
    ns.createSecret(name + "-ch");
    var tree = trees.named(name);
    for (var credential : new String[] {"username", "password"}) {
      PipelineTrees.at(tree, "spec.clickhouse." + credential + ".secretKeyRef")
          .put("name", name + "-ch");
    }
    return tree;
  }

  private static void create(ObjectNode tree) {
    trees.create(tree);
  }
}
