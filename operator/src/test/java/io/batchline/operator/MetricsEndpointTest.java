package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + endpoint.port() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryInPrometheusTextFormat() throws Exception {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("operator.sdk.reconciliations.started").increment(3);

    try (var endpoint = MetricsEndpoint.start(0, registry, () -> true, List::of)) {
      var response = get(endpoint, "/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("operator_sdk_reconciliations_started_total 3.0");
    }
  }

  @Test
  void readinessFollowsTheOperator() throws Exception {
    var started = new AtomicBoolean(false);
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    try (var endpoint = MetricsEndpoint.start(0, registry, started::get, List::of)) {
      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(503);
      assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
      started.set(true);
      assertThat(get(endpoint, "/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void healthNamesTheEventSourcesThatAreNotHealthy() throws Exception {
    var unhealthy = new AtomicReference<List<String>>(List.of("eventpipeline/consumer-pods"));
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    try (var endpoint = MetricsEndpoint.start(0, registry, () -> true, unhealthy::get)) {
      var response = get(endpoint, "/healthz");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("eventpipeline/consumer-pods");
      unhealthy.set(List.of());
      assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
    }
  }
}
