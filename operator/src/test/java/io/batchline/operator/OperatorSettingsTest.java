package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsSuitAPodWithTheDownwardApi() {
    var settings =
        OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "batchline", "POD_NAME", "op-1"));

    assertThat(settings.leaseName()).isEqualTo("batchline-operator");
    assertThat(settings.leaseNamespace()).contains("batchline");
    assertThat(settings.identity()).contains("op-1");
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.exitOnLostLease()).isTrue();
    assertThat(settings.metricsPort()).isEqualTo(8080);
    assertThat(settings.prometheusUrl()).isEqualTo("http://prometheus-operated.monitoring:9090");
  }

  @Test
  void thePrometheusForKedaCanBeNamed() {
    var settings =
        OperatorSettings.fromEnvironment(Map.of("BATCHLINE_PROMETHEUS_URL", "http://prom:9090"));

    assertThat(settings.prometheusUrl()).isEqualTo("http://prom:9090");
  }

  @Test
  void renewalFitsInsideTheLease() {
    var settings = OperatorSettings.fromEnvironment(Map.of("BATCHLINE_LEASE_SECONDS", "9"));

    assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(6));
    assertThat(settings.retryPeriod()).isLessThan(settings.renewDeadline());
    assertThat(settings.leaseNamespace()).isEmpty();
  }
}
