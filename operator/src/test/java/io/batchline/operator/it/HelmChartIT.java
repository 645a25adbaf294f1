package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.RepoFiles;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/helm/batchline, with the helm CLI built from its Go module: it lints, it renders the same
 * objects as the kustomize base (and, with watchNamespaces, as the namespaced overlay), and what it
 * renders installs on the real API server, where an operator holding nothing but its
 * ServiceAccount's token does its job.
 */
class HelmChartIT {

  private static final String RELEASE_NAMESPACE = "batchline-helm";

  private static RealApiServer server;
  private static Helm helm;
  private static KubernetesClient asOperator;
  private static BatchlineOperator operator;

  @BeforeAll
  static void build() {
    server = RealApiServer.get();
    helm = Helm.built();
  }

  @AfterAll
  static void restoreTheBase() {
    if (operator != null) {
      operator.close();
    }
    if (asOperator != null) {
      asOperator.close();
    }
    // The chart's ClusterRoleBinding named the release's ServiceAccount; the base's comes back.
    ServiceAccountOperator.installBase(server);
  }

  private static List<HasMetadata> kustomize(String dir) {
    return Helm.objects(server.kubectl().run("kustomize", RepoFiles.path(dir).toString()));
  }

  /** kind/namespace/name of each object, with cluster-scoped objects under no namespace. */
  private static Map<String, HasMetadata> byKey(List<HasMetadata> objects) {
    var keyed = new TreeMap<String, HasMetadata>();
    for (var o : objects) {
      var namespaced =
          !List.of(
                  "Namespace",
                  "CustomResourceDefinition",
                  "ClusterRole",
                  "ClusterRoleBinding",
                  "ValidatingAdmissionPolicy",
                  "ValidatingAdmissionPolicyBinding")
              .contains(o.getKind());
      keyed.put(
          o.getKind()
              + "/"
              + (namespaced ? o.getMetadata().getNamespace() : "")
              + "/"
              + o.getMetadata().getName(),
          o);
    }
    return keyed;
  }

  /**
   * What an object does, without the metadata that says who made it. A container's env is compared
   * by name: its order does not matter (nothing refers to another variable), and a kustomize patch
   * puts a new variable first.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> essence(HasMetadata object) {
    if (object instanceof Deployment deployment) {
      deployment
          .getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .forEach(c -> c.getEnv().sort(Comparator.comparing(EnvVar::getName)));
    }
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(object, Map.class);
    tree.remove("metadata");
    tree.remove("status");
    return tree;
  }

  @Test
  void theChartLints() {
    assertThat(helm.run("lint", "--strict", Helm.CHART.toString()))
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void theChartRendersTheObjectsOfTheKustomizeBase() {
    var base = byKey(kustomize("deploy/base"));
    var chart = byKey(helm.template("batchline-system", "namespace.create=true"));

    assertThat(chart.keySet()).isEqualTo(base.keySet());
    base.forEach(
        (key, object) -> {
          assertThat(essence(chart.get(key))).as(key).isEqualTo(essence(object));
          if (!object.getKind().equals("CustomResourceDefinition")) {
            // Helm installs crds/ as it is, so the CRD has no release labels to add.
            assertThat(chart.get(key).getMetadata().getLabels())
                .as(key)
                .containsAllEntriesOf(object.getMetadata().getLabels());
          }
          assertThat(chart.get(key).getMetadata().getAnnotations())
              .as(key)
              .isEqualTo(object.getMetadata().getAnnotations());
        });
  }

  @Test
  void withWatchNamespacesTheChartRendersTheNamespacedOverlay() {
    var overlay = byKey(kustomize("deploy/overlays/namespaced"));
    var chart =
        byKey(
            helm.template("batchline-system", "namespace.create=true", "watchNamespaces={events}"));

    assertThat(chart.keySet()).isEqualTo(overlay.keySet());
    overlay.forEach(
        (key, object) -> assertThat(essence(chart.get(key))).as(key).isEqualTo(essence(object)));
  }

  @Test
  void theCrdInTheChartIsTheCommittedOne() throws Exception {
    assertThat(Files.readString(Helm.CHART.resolve("crds/eventpipelines.batchline.io.yaml")))
        .isEqualTo(Files.readString(RepoFiles.path("crds/eventpipelines.batchline.io.yaml")));
  }

  @Test
  void theRenderedChartInstallsAndItsOperatorReconcilesUnderItsOwnRbac() throws Exception {
    var rendered =
        helm.run(
            "template",
            "batchline",
            Helm.CHART.toString(),
            "-n",
            RELEASE_NAMESPACE,
            "--include-crds",
            "--set",
            "namespace.create=true",
            "--set",
            "consumerImage=localhost/batchline-consumer:dev");
    var file = Files.createTempFile("chart", ".yaml");
    Files.writeString(file, rendered);
    var applied =
        server.kubectl().run("apply", "--server-side", "--force-conflicts", "-f", file.toString());
    assertThat(applied)
        .contains("deployment.apps/batchline-operator serverside-applied")
        .contains("validatingadmissionpolicy.admissionregistration.k8s.io/");

    var env = new HashMap<String, String>();
    server
        .client()
        .apps()
        .deployments()
        .inNamespace(RELEASE_NAMESPACE)
        .withName("batchline-operator")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getValue() != null && !e.getName().equals("BATCHLINE_METRICS_PORT"))
        .forEach(e -> env.put(e.getName(), e.getValue()));
    assertThat(env).containsEntry("BATCHLINE_CONSUMER_IMAGE", "localhost/batchline-consumer:dev");
    var testEnv = TestOperator.env(RELEASE_NAMESPACE, "helm-it");
    testEnv.putAll(env);
    asOperator =
        ServiceAccountOperator.tokenClient(
            server,
            ServiceAccountOperator.token(server.client(), RELEASE_NAMESPACE, "batchline-operator"));
    operator = TestOperator.start(asOperator, testEnv);
    var ns = new PipelineNamespace(server.client(), server.namespace("helm-pipelines"));

    ns.create("charted", true);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> ns.get(Deployment.class, "charted") != null);
    ns.markDeploymentReady("charted");
    ns.awaitCondition("charted", "Ready", "True", "ConsumersReady");
    assertThat(
            ns.get(Deployment.class, "charted")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("localhost/batchline-consumer:dev");
    assertThat(PipelineNamespace.failedReconciles(operator)).isZero();
  }
}
