package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.model.ScaledObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With KEDA's and the Prometheus Operator's real CRDs installed (src/test/resources/peer-crds), the
 * operator writes a ScaledObject instead of an HPA and a PodMonitor per pipeline, under the RBAC of
 * deploy/base, and the API server accepts both against the upstream schemas. The CRDs are removed
 * afterwards, so that the other ITs on the shared API server see a cluster without them.
 */
class KedaScaledObjectIT {

  /** The longest name a pipeline may have (its metrics Service is NAME-metrics). */
  private static final String LONG_NAME = "usage-events-from-the-billing-platform-to-clickhouse-v2";

  private static RealApiServer server;
  private static ServiceAccountOperator operator;
  private static PipelineNamespace ns;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
    ns = new PipelineNamespace(server.client(), server.namespace("keda"));
    operator = ServiceAccountOperator.start(server, "keda-it");
    ns.create("views", true);
    ns.patchSpec("views", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":4}}");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> assertThat(ns.get(HorizontalPodAutoscaler.class, "views")).isNotNull());
    PeerCrds.install(server, PeerCrds.SCALED_OBJECTS);
    PeerCrds.install(server, PeerCrds.POD_MONITORS);
  }

  @AfterAll
  static void stop() {
    operator.close();
    PeerCrds.remove(server, PeerCrds.SCALED_OBJECTS);
    PeerCrds.remove(server, PeerCrds.POD_MONITORS);
  }

  @AfterEach
  void noReconcileFailed() {
    assertThat(operator.failedReconciles()).as("failed reconciles (a 403 is one)").isZero();
  }

  private static ScaledObject scaledObject(String name) {
    return ns.get(ScaledObject.class, name);
  }

  private static GenericKubernetesResource podMonitor(String name) {
    return server
        .client()
        .genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
        .inNamespace(ns.namespace)
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> trigger(ScaledObject scaledObject) {
    return ((List<Map<String, Object>>) scaledObject.getSpec().get("triggers")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> triggerMetadata(ScaledObject scaledObject) {
    return (Map<String, Object>) trigger(scaledObject).get("metadata");
  }

  /** "views" got an HPA before KEDA was installed; its next reconcile swaps it. */
  @Test
  void installingKedaSwapsTheHpaForAScaledObjectThatDoesNotReadNothingAsZero() {
    ns.patchSpec("views", "{\"autoscaling\":{\"metric\":\"flushUtilization\",\"target\":60}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var scaledObject = scaledObject("views");
              assertThat(scaledObject).isNotNull();
              assertThat(scaledObject.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(o -> assertThat(o.getController()).isTrue());
              assertThat(trigger(scaledObject)).containsEntry("type", "prometheus");
              assertThat(triggerMetadata(scaledObject))
                  .containsEntry("threshold", "0.6")
                  .containsEntry("ignoreNullValues", "false");
              assertThat(ns.get(HorizontalPodAutoscaler.class, "views")).isNull();
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void kedasHpaIsStabilizedLikeTheOperatorsOwn() {
    ns.create("stable", true);
    ns.patchSpec("stable", "{\"autoscaling\":{\"maxReplicas\":3}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(scaledObject("stable")).isNotNull();
              var advanced = (Map<String, Object>) scaledObject("stable").getSpec().get("advanced");
              assertThat(advanced).isNotNull();
              var behavior =
                  (Map<String, Map<String, Object>>)
                      ((Map<String, Object>) advanced.get("horizontalPodAutoscalerConfig"))
                          .get("behavior");
              assertThat(behavior.get("scaleUp")).containsEntry("stabilizationWindowSeconds", 60);
              assertThat(behavior.get("scaleDown"))
                  .containsEntry("stabilizationWindowSeconds", 300);
            });
  }

  @Test
  void withoutAMetricItScalesOnLagWithKedasKafkaTrigger() {
    ns.create("carts", true);
    ns.patchSpec(
        "carts",
        "{\"kafka\":{\"partitions\":6},"
            + "\"autoscaling\":{\"maxReplicas\":6,\"lagThreshold\":500}}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var scaledObject = scaledObject("carts");
              assertThat(scaledObject).isNotNull();
              assertThat(trigger(scaledObject)).containsEntry("type", "kafka");
              assertThat(triggerMetadata(scaledObject))
                  .isEqualTo(
                      Map.of(
                          "bootstrapServers", "kafka:9092",
                          "consumerGroup", "batchline.keda.carts",
                          "topic", "orders",
                          "lagThreshold", "500"));
            });
    assertThat(ns.get(HorizontalPodAutoscaler.class, "carts")).isNull();

    ns.patchSpec("carts", "{\"autoscaling\":null}");

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(() -> assertThat(scaledObject("carts")).isNull());
  }

  @Test
  void eachPipelineGetsAPodMonitorForItsConsumers() {
    ns.create("scraped", true);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .untilAsserted(
            () -> {
              var podMonitor = podMonitor("scraped");
              assertThat(podMonitor).isNotNull();
              assertThat(podMonitor.getMetadata().getOwnerReferences()).hasSize(1);
              assertThat(selector(podMonitor))
                  .containsEntry("app.kubernetes.io/instance", "scraped");
            });
  }

  /**
   * The pod names of a Deployment are cut to 63 characters, so for long pipeline names they lose
   * the dashes a name pattern looks for. The pod here is named by the API server itself, from the
   * generateName the ReplicaSet controller gives its pods; the query must still select its series,
   * labelled as the PodMonitor has Prometheus label them.
   */
  @Test
  void theQuerySelectsTheConsumersOfAPipelineWithTheLongestName() {
    ns.create(LONG_NAME, true);
    ns.patchSpec(
        LONG_NAME,
        "{\"autoscaling\":{\"maxReplicas\":3,\"metric\":\"flushUtilization\",\"target\":70}}");
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(
            () -> scaledObject(LONG_NAME) != null && ns.get(Deployment.class, LONG_NAME) != null);
    var pod = createPodAsTheReplicaSetControllerWould(ns.get(Deployment.class, LONG_NAME));
    assertThat(pod.getMetadata().getName()).hasSize(63);

    var query = (String) triggerMetadata(scaledObject(LONG_NAME)).get("query");
    var series = seriesLabels(pod, podMonitor(LONG_NAME));

    assertThat(matchers(query))
        .as("every matcher of %s selects the series %s", query, series)
        .allSatisfy(
            (label, matcher) -> assertThat(series.getOrDefault(label, "")).matches(matcher));
  }

  private static Pod createPodAsTheReplicaSetControllerWould(Deployment deployment) {
    var template = deployment.getSpec().getTemplate();
    var replicaSet = deployment.getMetadata().getName() + "-7d9f8b6c5d";
    return server
        .client()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withGenerateName(replicaSet + "-")
                .withNamespace(ns.namespace)
                .withLabels(template.getMetadata().getLabels())
                .endMetadata()
                .withSpec(template.getSpec())
                .build())
        .create();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> selector(GenericKubernetesResource podMonitor) {
    var spec = (Map<String, Object>) podMonitor.getAdditionalProperties().get("spec");
    return (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
  }

  /**
   * The labels Prometheus puts on a series scraped from the pod: namespace and pod, as the
   * Prometheus Operator always does, plus what the PodMonitor's relabelings copy from pod labels.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> seriesLabels(Pod pod, GenericKubernetesResource podMonitor) {
    var labels = new HashMap<String, String>();
    labels.put("namespace", pod.getMetadata().getNamespace());
    labels.put("pod", pod.getMetadata().getName());
    if (podMonitor == null) {
      return labels;
    }
    var spec = (Map<String, Object>) podMonitor.getAdditionalProperties().get("spec");
    for (var endpoint : (List<Map<String, Object>>) spec.get("podMetricsEndpoints")) {
      for (var relabel :
          (List<Map<String, Object>>) endpoint.getOrDefault("relabelings", List.of())) {
        var source = ((List<String>) relabel.get("sourceLabels")).get(0);
        var podLabel = source.replace("__meta_kubernetes_pod_label_", "");
        pod.getMetadata().getLabels().entrySet().stream()
            .filter(e -> e.getKey().replaceAll("[^a-zA-Z0-9_]", "_").equals(podLabel))
            .forEach(e -> labels.put((String) relabel.get("targetLabel"), e.getValue()));
      }
    }
    return labels;
  }

  /** The label matchers of a PromQL selector, each as a regex over the label's value. */
  private static Map<String, String> matchers(String query) {
    var matchers = new HashMap<String, String>();
    var m = Pattern.compile("(\\w+)(=~|=)\"([^\"]*)\"").matcher(query);
    while (m.find()) {
      matchers.put(m.group(1), m.group(2).equals("=") ? Pattern.quote(m.group(3)) : m.group(3));
    }
    assertThat(matchers).as("matchers of %s", query).isNotEmpty();
    return matchers;
  }
}
