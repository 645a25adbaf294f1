package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsSuitAPodWithTheDownwardApi() {
    var settings =
        OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "batchline", "POD_NAME", "op-1"));

    assertThat(settings.lease().name()).isEqualTo("batchline-operator");
    assertThat(settings.lease().namespace()).contains("batchline");
    assertThat(settings.lease().identity()).contains("op-1");
    assertThat(settings.lease().duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.lease().exitOnLoss()).isTrue();
    assertThat(settings.metricsPort()).isEqualTo(8080);
    assertThat(settings.defaults().prometheusUrl())
        .isEqualTo("http://prometheus-operated.monitoring:9090");
    assertThat(settings.defaults().consumerImage()).isEqualTo("ghcr.io/batchline/consumer:0.1.0");
    assertThat(settings.defaults().podMonitorLabels()).isEmpty();
    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.resync()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyDefaultCanBeSet() {
    var settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "BATCHLINE_PROMETHEUS_URL", "http://prom:9090",
                "BATCHLINE_CONSUMER_IMAGE", "localhost/batchline-consumer:dev",
                "BATCHLINE_POD_MONITOR_LABELS", "release=kube-prometheus-stack, team=data",
                "BATCHLINE_WATCH_NAMESPACES", "events, billing,",
                "BATCHLINE_RESYNC_SECONDS", "30",
                "BATCHLINE_EXIT_ON_LOST_LEASE", "false"));

    assertThat(settings.defaults().prometheusUrl()).isEqualTo("http://prom:9090");
    assertThat(settings.defaults().consumerImage()).isEqualTo("localhost/batchline-consumer:dev");
    assertThat(settings.defaults().podMonitorLabels())
        .isEqualTo(Map.of("release", "kube-prometheus-stack", "team", "data"));
    assertThat(settings.watchNamespaces()).containsExactly("billing", "events");
    assertThat(settings.resync()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.lease().exitOnLoss()).isFalse();
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(
            () -> OperatorSettings.fromEnvironment(Map.of("BATCHLINE_RESYNC_SECONDS", "0")))
        .hasMessageContaining("BATCHLINE_RESYNC_SECONDS");
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(Map.of("BATCHLINE_POD_MONITOR_LABELS", "release")))
        .hasMessageContaining("key=value");
  }

  @Test
  void renewalFitsInsideTheLease() {
    var settings = OperatorSettings.fromEnvironment(Map.of("BATCHLINE_LEASE_SECONDS", "9"));

    assertThat(settings.lease().renewDeadline()).isEqualTo(Duration.ofSeconds(6));
    assertThat(settings.lease().retryPeriod()).isLessThan(settings.lease().renewDeadline());
    assertThat(settings.lease().namespace()).isEmpty();
  }
}
