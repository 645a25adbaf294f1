package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.RepoFiles;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/overlays/namespaced: the operator with rights in its watched namespaces only. Its
 * RoleBindings and its settings are taken from the overlay as kustomize builds it; the operator
 * then runs with a token of a ServiceAccount bound by nothing else, and does its whole job in the
 * watched namespace while the rest of the cluster stays closed to it.
 */
class NamespacedInstallIT {

  private static final String INSTALL = "batchline-namespaced";
  private static final String ACCOUNT = "batchline-operator";

  private static RealApiServer server;
  private static KubernetesClient asOperator;
  private static BatchlineOperator operator;
  private static PipelineNamespace watched;
  private static PipelineNamespace other;

  @BeforeAll
  static void install() {
    server = RealApiServer.get();
    var objects = kustomize("deploy/overlays/namespaced");
    assertThat(objects).noneMatch(ClusterRoleBinding.class::isInstance);
    var env = operatorEnv(objects);
    var namespaces = env.get("BATCHLINE_WATCH_NAMESPACES").split(",");
    assertThat(namespaces).isNotEmpty();
    watched = new PipelineNamespace(server.client(), server.namespace(namespaces[0]));
    other = new PipelineNamespace(server.client(), server.namespace("not-watched"));
    server.namespace(INSTALL);
    ServiceAccountOperator.installBase(server);
    server
        .client()
        .serviceAccounts()
        .inNamespace(INSTALL)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(ACCOUNT).endMetadata().build())
        .serverSideApply();
    for (var object : objects) {
      if (object instanceof RoleBinding binding) {
        binding.getSubjects().forEach(s -> s.setNamespace(INSTALL));
        if (binding.getMetadata().getNamespace().equals("batchline-system")) {
          binding.getMetadata().setNamespace(INSTALL);
        }
        server.client().resource(binding).forceConflicts().serverSideApply();
      } else if (object.getKind().equals("Role")) {
        object.getMetadata().setNamespace(INSTALL);
        server.client().resource(object).forceConflicts().serverSideApply();
      }
    }
    asOperator =
        ServiceAccountOperator.tokenClient(
            server, ServiceAccountOperator.token(server.client(), INSTALL, ACCOUNT));
    var testEnv = TestOperator.env(INSTALL, "namespaced-it");
    testEnv.put("BATCHLINE_WATCH_NAMESPACES", env.get("BATCHLINE_WATCH_NAMESPACES"));
    operator = TestOperator.start(asOperator, testEnv);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (asOperator != null) {
      asOperator.close();
    }
  }

  private static List<HasMetadata> kustomize(String dir) {
    var yaml = server.kubectl().run("kustomize", RepoFiles.path(dir).toString());
    var list = new KubernetesList();
    list.setItems(
        Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    return list.getItems();
  }

  private static Map<String, String> operatorEnv(List<HasMetadata> objects) {
    var deployment =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    var env = new HashMap<String, String>();
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  private static double failedReconciles() {
    return PipelineNamespace.failedReconciles(operator);
  }

  @Test
  void aPipelineInAWatchedNamespaceIsReconciledWithoutAFailure() {
    watched.create("scoped", true);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> watched.get(Deployment.class, "scoped") != null);
    watched.markDeploymentReady("scoped");
    watched.awaitCondition("scoped", "Ready", "True", "ConsumersReady");
    assertThat(failedReconciles()).isZero();
  }

  @Test
  void aPipelineElsewhereIsLeftAlone() {
    server.client().resource(TestPipelines.unsaved("outside", other.namespace)).create();
    watched.create("inside", true);

    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(() -> watched.get(ConfigMap.class, "inside-config") != null);
    assertThat(other.get(ConfigMap.class, "outside-config")).isNull();
    assertThat(other.pipeline("outside").getStatus().getObservedGeneration())
        .as("no operator reconciled it")
        .isNull();
  }

  @Test
  void theOperatorCannotReadTheRestOfTheCluster() {
    var refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> asOperator.resources(EventPipeline.class).inAnyNamespace().list());

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(403);
  }
}
