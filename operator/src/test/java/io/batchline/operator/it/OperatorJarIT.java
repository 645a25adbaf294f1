package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: java -jar with a kubeconfig, stopped by SIGTERM. */
class OperatorJarIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theJarReconcilesWithTheCurrentKubeconfigAndStopsOnSigterm(@TempDir Path dir)
      throws Exception {
    var server = RealApiServer.get();
    var namespace = server.namespace("jar");
    var kubeconfig = Files.writeString(dir.resolve("kubeconfig"), server.kubeconfigYaml());
    var port = freePort();
    var log = dir.resolve("operator.log");
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var jar = System.getProperty("batchline.operatorJar", "target/batchline-operator.jar");
    var builder = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("BATCHLINE_LEASE_NAMESPACE", namespace);
    builder.environment().put("BATCHLINE_LEASE_SECONDS", "3");
    builder.environment().put("BATCHLINE_METRICS_PORT", String.valueOf(port));
    builder.environment().put("POD_NAME", "jar-it");
    var process = builder.start();
    try {
      server.client().resource(TestPipelines.unsaved("from-jar", namespace)).create();

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                var pipeline =
                    server
                        .client()
                        .resources(EventPipeline.class)
                        .inNamespace(namespace)
                        .withName("from-jar")
                        .get();
                assertThat(pipeline.getStatus().getObservedGeneration()).isEqualTo(1L);
              });
      assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(port, "/metrics").body())
          .contains("operator_sdk_reconciliations_started_total");
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS))
          .as("the operator stops on SIGTERM; its log:%n%s", Files.readString(log))
          .isTrue();
    }
  }
}
