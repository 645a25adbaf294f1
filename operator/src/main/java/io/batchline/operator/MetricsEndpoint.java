package io.batchline.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's HTTP port: Prometheus text on {@code /metrics}, and {@code /healthz} and {@code
 * /readyz} for the kubelet. {@code /healthz} fails, naming them, while any of the operator's
 * informers cannot list or watch (JOSDK's event-source health), so that the kubelet restarts an
 * operator whose caches went stale. The JDK's own server is enough for three read-only paths.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * @param ready whether the operator has started
   * @param unhealthy the event sources that are not healthy, empty when all are
   */
  public static MetricsEndpoint start(
      int port,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      Supplier<List<String>> unhealthy) {
    try {
      var server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext(
          "/metrics",
          exchange ->
              respond(
                  exchange, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
      server.createContext(
          "/healthz",
          exchange -> {
            var problems = unhealthy.get();
            respond(
                exchange,
                problems.isEmpty() ? 200 : 503,
                problems.isEmpty() ? "ok\n" : "unhealthy: " + String.join(", ", problems) + "\n",
                "text/plain");
          });
      server.createContext(
          "/readyz",
          exchange ->
              respond(
                  exchange,
                  ready.getAsBoolean() ? 200 : 503,
                  ready.getAsBoolean() ? "ok\n" : "starting\n",
                  "text/plain"));
      server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r, "metrics-http")));
      server.start();
      return new MetricsEndpoint(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, int code, String body, String type)
      throws IOException {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    var thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
