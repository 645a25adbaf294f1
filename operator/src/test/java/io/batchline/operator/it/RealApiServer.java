package io.batchline.operator.it;

import io.batchline.operator.api.CrdFiles;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One real kube-apiserver with etcd, from the binaries tools/build-kube-binaries caches, shared by
 * every IT in the JVM and stopped when the JVM exits. There is no fallback: without the binaries
 * the ITs fail, naming the directory they looked in.
 */
public final class RealApiServer {

  private static final String PLATFORM = "-linux-amd64";
  private static RealApiServer shared;

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final String version;
  private Kubectl kubectl;

  private RealApiServer(String version) {
    this.version = version;
    this.server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withStartupTimeout(180_000)
                .build());
    server.start();
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
            .build();
  }

  public static synchronized RealApiServer get() {
    if (shared == null) {
      shared = new RealApiServer(cachedVersion());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
      shared.applyCrd();
    }
    return shared;
  }

  public KubernetesClient client() {
    return client;
  }

  public String version() {
    return version;
  }

  /** kubectl of the same version, from the binaries kube-api-test uses, aimed at this server. */
  public synchronized Kubectl kubectl() {
    if (kubectl == null) {
      kubectl =
          Kubectl.create(
              binaryDirectory().resolve(version + PLATFORM).resolve("kubectl"), kubeconfigYaml());
    }
    return kubectl;
  }

  /** A kubeconfig for this server, with admin client certificates. */
  public String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }

  /** A fresh namespace, so that test classes do not see each other's objects. */
  public String namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
    return name;
  }

  /** Applies the committed CRD, as a user would, and waits until it is served. */
  private void applyCrd() {
    var crd = CrdFiles.load(CrdFiles.committed());
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(crd)
        .forceConflicts()
        .serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
  }

  /**
   * Whether the API server serves a CRD yet. Right after a create, its status or conditions may
   * still be null.
   */
  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void stop() {
    client.close();
    server.stop();
  }

  /**
   * The version pinned by the kube.apiserver.version system property, or else the newest one cached
   * under ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s.
   */
  static String cachedVersion() {
    var pinned =
        Optional.ofNullable(System.getProperty("kube.apiserver.version")).filter(v -> !v.isBlank());
    if (pinned.isPresent()) {
      return pinned.get();
    }
    var dir = binaryDirectory();
    var versions =
        Files.isDirectory(dir)
            ? Arrays.stream(dir.toFile().list())
                .filter(n -> n.endsWith(PLATFORM))
                .filter(n -> Files.isExecutable(dir.resolve(n).resolve("kube-apiserver")))
                .map(n -> n.substring(0, n.length() - PLATFORM.length()))
                .toList()
            : java.util.List.<String>of();
    return versions.stream()
        .max(Comparator.comparing(RealApiServer::semver))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no kube-apiserver binaries under "
                        + dir
                        + "; build them with tools/build-kube-binaries (the ITs never fall back to"
                        + " a mock server)"));
  }

  private static Path binaryDirectory() {
    return Path.of(
        Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR"))
            .orElse(System.getProperty("user.home") + File.separator + ".kubeapitest"),
        "k8s");
  }

  private static String semver(String version) {
    return Arrays.stream(version.split("\\."))
        .map(part -> String.format("%05d", Integer.parseInt(part.replaceAll("\\D.*", ""))))
        .reduce("", String::concat);
  }
}
