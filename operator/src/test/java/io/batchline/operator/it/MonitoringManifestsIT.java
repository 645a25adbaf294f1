package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.RepoFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring/prometheusrule.yaml against the Prometheus Operator's real PrometheusRule CRD,
 * applied server-side as a user applies it: a field the schema does not declare is refused.
 */
class MonitoringManifestsIT {

  private static RealApiServer server;

  @BeforeAll
  static void install() {
    server = RealApiServer.get();
    PeerCrds.install(server, PeerCrds.PROMETHEUS_RULES);
  }

  @AfterAll
  static void remove() {
    PeerCrds.remove(server, PeerCrds.PROMETHEUS_RULES);
  }

  @Test
  void theAlertsApplyToThePrometheusOperatorsSchema() {
    var namespace = server.namespace("monitoring");

    var applied =
        server
            .kubectl()
            .run(
                "apply",
                "--server-side",
                "-n",
                namespace,
                "-f",
                RepoFiles.path("deploy/monitoring/prometheusrule.yaml").toString());

    assertThat(applied).contains("prometheusrule.monitoring.coreos.com/batchline-consumers");
    assertThat(
            server
                .kubectl()
                .run(
                    "get",
                    "prometheusrule",
                    "batchline-consumers",
                    "-n",
                    namespace,
                    "-o",
                    "jsonpath={.spec.groups[0].rules[*].alert}"))
        .contains("BatchlineFlushFailing", "BatchlineWriteRetrying", "BatchlineLagGrowing");
  }
}
