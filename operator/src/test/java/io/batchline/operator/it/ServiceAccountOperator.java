package io.batchline.operator.it;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.RepoFiles;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator as deploy/base installs it: the base is applied with kubectl, and the operator runs
 * in this JVM with a client that holds nothing but a token of the base's ServiceAccount, so that
 * every request it makes is authorized by the base's RBAC alone (kube-api-test runs the API server
 * with --authorization-mode RBAC).
 */
final class ServiceAccountOperator implements AutoCloseable {

  static final String NAMESPACE = "batchline-system";
  static final String ACCOUNT = "batchline-operator";

  private final KubernetesClient client;
  private final BatchlineOperator operator;

  private ServiceAccountOperator(KubernetesClient client, BatchlineOperator operator) {
    this.client = client;
    this.operator = operator;
  }

  static ServiceAccountOperator start(RealApiServer server, String identity, String... env) {
    installBase(server);
    var client = tokenClient(server, token(server.client(), NAMESPACE, ACCOUNT));
    return new ServiceAccountOperator(
        client, TestOperator.start(client, TestOperator.env(NAMESPACE, identity, env)));
  }

  /** kubectl apply -k deploy/base, server-side, as the install docs say. Idempotent. */
  static String installBase(RealApiServer server) {
    return server
        .kubectl()
        .run(
            "apply",
            "--server-side",
            "--force-conflicts",
            "-k",
            RepoFiles.path("deploy/base").toString());
  }

  /** A short-lived token of a ServiceAccount, as the kubelet would mount it. */
  static String token(KubernetesClient admin, String namespace, String account) {
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  static KubernetesClient tokenClient(RealApiServer server, String token) {
    var admin = Config.fromKubeconfig(server.kubeconfigYaml());
    var config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertFile(admin.getCaCertFile())
            .withCaCertData(admin.getCaCertData())
            .withOauthToken(token)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The operator's client: authenticated as the ServiceAccount, and nothing more. */
  KubernetesClient client() {
    return client;
  }

  /** Reconciles that ended in an exception, such as a 403, from the operator's own metrics. */
  double failedReconciles() {
    return PipelineNamespace.failedReconciles(operator);
  }

  @Override
  public void close() {
    operator.close();
    client.close();
  }
}
