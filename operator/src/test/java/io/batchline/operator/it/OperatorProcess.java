package io.batchline.operator.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator jar, run as a user runs it: {@code java -jar} with a kubeconfig and the
 * environment variables of the operator Deployment, stopped by SIGTERM.
 */
final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static OperatorProcess start(RealApiServer server, Path dir, Map<String, String> env)
      throws IOException {
    var kubeconfig = Files.writeString(dir.resolve("kubeconfig"), server.kubeconfigYaml());
    var port = freePort();
    var log = dir.resolve("operator.log");
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var jar = System.getProperty("batchline.operatorJar", "target/batchline-operator.jar");
    var builder = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("BATCHLINE_METRICS_PORT", String.valueOf(port));
    builder.environment().putAll(env);
    return new OperatorProcess(builder.start(), log, port);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  void awaitReady(Duration timeout) {
    await().atMost(timeout).ignoreExceptions().until(() -> get("/readyz").statusCode() == 200);
  }

  long pid() {
    return process.pid();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends SIGTERM; true when the process then exits within 30 s. */
  boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && !stop()) {
      process.destroyForcibly();
    }
  }
}
