package io.batchline.e2e;

import io.batchline.testkit.LocalStack;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The real single-node cluster of {@code dev/cluster}, with Kafka and ClickHouse from {@code
 * dev/stack} reachable from its pods, the images of {@code dev/images} loaded, and the operator
 * installed from {@code deploy/base} through the {@code dev/k8s/operator} overlay. Started once per
 * test JVM and shared by the scenarios, several at a time. Needs root, like the scripts.
 */
final class E2eCluster {

  static final String OPERATOR_NAMESPACE = "batchline-system";
  static final String OPERATOR_OVERLAY = "dev/k8s/operator";

  private static E2eCluster instance;

  final Path repoRoot;
  final Script scripts;
  final LocalStack stack;
  final KubernetesClient client;

  /** Where pods reach dev/stack, as {@code dev/cluster status} prints them. */
  final String kafkaForPods;

  final String clickHouseForPods;

  private E2eCluster(
      Path repoRoot,
      Script scripts,
      LocalStack stack,
      KubernetesClient client,
      String kafkaForPods,
      String clickHouseForPods) {
    this.repoRoot = repoRoot;
    this.scripts = scripts;
    this.stack = stack;
    this.client = client;
    this.kafkaForPods = kafkaForPods;
    this.clickHouseForPods = clickHouseForPods;
  }

  static synchronized E2eCluster get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static E2eCluster start() {
    var root = repoRoot();
    var scripts = new Script(root);
    E2eLog.say("starting the cluster (dev/cluster up; builds what is missing)");
    scripts.run(Duration.ofMinutes(40), "dev/cluster", "up");
    var status =
        scripts.run(Duration.ofMinutes(1), Map.of(), Set.of(0, 3), "dev/cluster", "status");
    var kafkaForPods = status.value("KAFKA_BOOTSTRAP");
    var clusterAddress = kafkaForPods.substring(0, kafkaForPods.lastIndexOf(':'));
    scripts.run(
        Duration.ofMinutes(10),
        Map.of("STACK_CLUSTER_ADDRESS", clusterAddress),
        Set.of(0),
        "dev/stack",
        "up");
    var stack = LocalStack.ensureUp();
    scripts.run(Duration.ofMinutes(20), "dev/images", "--no-package");
    status = scripts.run(Duration.ofMinutes(1), Map.of(), Set.of(0, 3), "dev/cluster", "status");
    if (status.exitCode() != 0) {
      throw new IllegalStateException("dev/cluster status is not all up:\n" + status.output());
    }
    var kubeconfig = status.value("KUBECONFIG");
    var client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(read(Path.of(kubeconfig))))
            .build();
    var cluster =
        new E2eCluster(root, scripts, stack, client, kafkaForPods, status.value("CLICKHOUSE_URL"));
    cluster.installOperator();
    return cluster;
  }

  /** {@code kubectl ARGS...} against this cluster; fails unless it exits 0. */
  String kubectl(String... args) {
    return kubectl(Set.of(0), args).output();
  }

  Script.Result kubectl(Set<Integer> okExitCodes, String... args) {
    var command = new String[args.length + 2];
    command[0] = "dev/cluster";
    command[1] = "kubectl";
    System.arraycopy(args, 0, command, 2, args.length);
    return scripts.run(Duration.ofMinutes(5), Map.of(), okExitCodes, command);
  }

  /**
   * As a user installs it: {@code kubectl apply --server-side -k} of the overlay. An operator left
   * by an earlier run is restarted, so that it runs the image dev/images just loaded.
   */
  private void installOperator() {
    var existed =
        client
                .apps()
                .deployments()
                .inNamespace(OPERATOR_NAMESPACE)
                .withName("batchline-operator")
                .get()
            != null;
    kubectl("apply", "--server-side", "--force-conflicts", "-k", OPERATOR_OVERLAY);
    if (existed) {
      kubectl("-n", OPERATOR_NAMESPACE, "rollout", "restart", "deployment/batchline-operator");
    }
    kubectl(
        "-n",
        OPERATOR_NAMESPACE,
        "rollout",
        "status",
        "deployment/batchline-operator",
        "--timeout=180s");
    E2eLog.say("operator installed from %s", OPERATOR_OVERLAY);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repoRoot() {
    var configured = System.getProperty("batchline.repo.root");
    if (configured != null && Files.isExecutable(Paths.get(configured, "dev/cluster"))) {
      return Paths.get(configured).toAbsolutePath();
    }
    for (var dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("dev/cluster"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find dev/cluster above " + Paths.get("").toAbsolutePath());
  }
}
