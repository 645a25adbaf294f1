package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: java -jar with a kubeconfig, stopped by SIGTERM. */
class OperatorJarIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void theJarReconcilesWithTheCurrentKubeconfigLogsEachReconcileAndStopsOnSigterm(@TempDir Path dir)
      throws Exception {
    var server = RealApiServer.get();
    var namespace = server.namespace("jar");
    try (var operator =
        OperatorProcess.start(
            server,
            dir,
            Map.of(
                "BATCHLINE_LEASE_NAMESPACE", namespace,
                "BATCHLINE_LEASE_SECONDS", "3",
                "POD_NAME", "jar-it"))) {
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
      assertThat(operator.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(operator.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(operator.get("/metrics").body())
          .contains("operator_sdk_reconciliations_started_total");
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(operator.log())
                      .as("one line per reconcile, naming the pipeline")
                      .containsPattern(
                          "EventPipeline " + namespace + "/from-jar: generation 1, Ready="));

      assertThat(operator.stop())
          .as("the operator stops on SIGTERM; its log:%n%s", operator.log())
          .isTrue();
    }
  }
}
