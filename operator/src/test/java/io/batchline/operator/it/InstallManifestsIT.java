package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.RepoFiles;
import io.batchline.operator.Samples;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The install manifests and the samples, applied with the real kubectl to the real API server. */
class InstallManifestsIT {

  private static RealApiServer server;

  @BeforeAll
  static void start() {
    server = RealApiServer.get();
  }

  private static List<HasMetadata> kustomize(String dir) {
    var yaml = server.kubectl().run("kustomize", RepoFiles.path(dir).toString());
    var list = new KubernetesList();
    list.setItems(
        Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    return list.getItems();
  }

  @Test
  void theBaseInstallsTheOperatorWithTheCommittedCrd() {
    var applied = ServiceAccountOperator.installBase(server);

    assertThat(applied)
        .contains("customresourcedefinition.apiextensions.k8s.io/eventpipelines.batchline.io")
        .contains("deployment.apps/batchline-operator");
    var client = server.client();
    assertThat(
            client
                .serviceAccounts()
                .inNamespace(ServiceAccountOperator.NAMESPACE)
                .withName(ServiceAccountOperator.ACCOUNT)
                .get())
        .isNotNull();
    var deployment =
        client
            .apps()
            .deployments()
            .inNamespace(ServiceAccountOperator.NAMESPACE)
            .withName("batchline-operator")
            .get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(
            server
                .kubectl()
                .run("apply", "--dry-run=server", "-k", RepoFiles.path("deploy/base").toString()))
        .as("a plain client-side kubectl apply -k works on top")
        .contains("deployment.apps/batchline-operator");
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(ServiceAccountOperator.ACCOUNT);
  }

  @Test
  void theOperatorPodIsLockedDown() {
    var deployment =
        kustomize("deploy/base").stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getPorts()).extracting(p -> p.getName()).containsExactly("metrics");
    assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp");
  }

  @Test
  void theExampleOverlayMovesEverythingIncludingTheRbacSubjects() {
    var objects = kustomize("deploy/overlays/example");
    server
        .client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("data-platform")
                .endMetadata()
                .build())
        .serverSideApply();

    server
        .kubectl()
        .run(
            "apply",
            "--server-side",
            "--force-conflicts",
            "--dry-run=server",
            "-k",
            RepoFiles.path("deploy/overlays/example").toString());

    assertThat(objects)
        .filteredOn(ClusterRoleBinding.class::isInstance)
        .flatExtracting(o -> ((ClusterRoleBinding) o).getSubjects())
        .extracting(s -> s.getNamespace())
        .containsOnly("data-platform");
    assertThat(objects)
        .filteredOn(o -> o instanceof ServiceAccount || o instanceof Deployment)
        .extracting(o -> o.getMetadata().getNamespace())
        .containsOnly("data-platform");
  }

  @Test
  void everySampleAppliesWithKubectl() {
    var namespace = server.namespace("samples");

    var applied =
        server
            .kubectl()
            .run("apply", "-n", namespace, "-f", Samples.path("").toAbsolutePath().toString());

    assertThat(
            server.client().resources(EventPipeline.class).inNamespace(namespace).list().getItems())
        .hasSize(Samples.FILES.size());
    assertThat(applied).contains("eventpipeline.batchline.io/events-autoscaling created");
  }
}
