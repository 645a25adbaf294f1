package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.RepoFiles;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * /healthz follows the health of the operator's informers: an operator that may not watch the
 * consumer pods (a ClusterRole without that rule) starts, but says which informer fails until the
 * rule is there.
 */
class OperatorHealthIT {

  private static final String ACCOUNT = "batchline-half-blind";
  private static final String ROLE = "batchline-operator-without-pods";

  private static RealApiServer server;
  private static KubernetesClient asOperator;
  private static BatchlineOperator operator;

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (asOperator != null) {
      asOperator.close();
    }
  }

  @Test
  void healthNamesAnInformerThatCannotWatchUntilItCan() throws Exception {
    server = RealApiServer.get();
    var namespace = server.namespace("health");
    var rules = baseRules();
    var withoutPods = rules.stream().filter(r -> !r.getResources().contains("pods")).toList();
    assertThat(withoutPods).hasSize(rules.size() - 1);
    grant(namespace, withoutPods);
    asOperator =
        ServiceAccountOperator.tokenClient(
            server, ServiceAccountOperator.token(server.client(), namespace, ACCOUNT));

    operator = TestOperator.start(asOperator, TestOperator.env(namespace, "health-it"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var health = healthz();
              assertThat(health.statusCode()).isEqualTo(503);
              assertThat(health.body()).contains("consumer-pods");
            });

    grant(namespace, rules);

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(healthz().statusCode()).isEqualTo(200));
  }

  private static HttpResponse<String> healthz() throws IOException, InterruptedException {
    var uri = URI.create("http://127.0.0.1:" + operator.metricsPort() + "/healthz");
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<PolicyRule> baseRules() throws IOException {
    var text = Files.readString(RepoFiles.path("deploy/base/cluster-role.yaml"));
    var role = Serialization.unmarshal(text.split("(?m)^---$")[0], ClusterRole.class);
    return new ArrayList<>(role.getRules());
  }

  /** The ServiceAccount, bound to a ClusterRole with these rules and to a Lease role. */
  private static void grant(String namespace, List<PolicyRule> rules) {
    var client = server.client();
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(ACCOUNT).endMetadata().build())
        .serverSideApply();
    client
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(ROLE)
                .endMetadata()
                .withRules(rules)
                .build())
        .forceConflicts()
        .serverSideApply();
    client
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(ROLE)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", ROLE)
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(ACCOUNT)
                .withNamespace(namespace)
                .endSubject()
                .build())
        .serverSideApply();
    client
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("leases")
                .withNamespace(namespace)
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("create", "get", "update", "patch")
                        .build())
                .build())
        .serverSideApply();
    client
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("leases")
                .withNamespace(namespace)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "leases")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(ACCOUNT)
                .withNamespace(namespace)
                .endSubject()
                .build())
        .serverSideApply();
  }
}
