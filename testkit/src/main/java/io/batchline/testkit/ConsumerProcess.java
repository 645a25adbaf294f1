package io.batchline.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real consumer, {@code java -jar consumer/target/quarkus-app/quarkus-run.jar}, run as a child
 * process with environment variables, exactly as users and the operator run it, with the consumer
 * image's collector and malloc arenas.
 */
public final class ConsumerProcess implements AutoCloseable {

  private final Map<String, String> environment;
  private final Path log;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  public ConsumerProcess(Map<String, String> environment, Path log, int httpPort) {
    this.environment = new HashMap<>(environment);
    this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    this.log = log;
    this.httpPort = httpPort;
  }

  public static Path jar(Path repoRoot) {
    String configured = System.getProperty("batchline.consumer.jar");
    Path jar =
        configured != null
            ? Paths.get(configured)
            : repoRoot.resolve("consumer/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing; build with mvn -pl consumer package");
    }
    return jar;
  }

  public ConsumerProcess start(Path jar) {
    try {
      Files.createDirectories(log.getParent());
      ConsumerImage image = ConsumerImage.of(LocalStack.findRepoRoot());
      List<String> command = new ArrayList<>(List.of("java"));
      command.addAll(image.launchOptions(256));
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(image.environment());
      builder.environment().putAll(environment);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the consumer: " + e, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** HTTP status of a path on the consumer, or -1 when it does not answer. */
  public int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  public boolean isReady() {
    return status("/q/health/ready") == 200;
  }

  public String metrics() {
    try {
      return get("/q/metrics").body();
    } catch (IOException e) {
      throw new IllegalStateException("metrics unavailable: " + e, e);
    }
  }

  /** The value of an unlabelled metric, or of the sum over its label sets. */
  public double metric(String name) {
    return metrics()
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** SIGTERM, as Kubernetes sends on a rolling update. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: no drain, no commit. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Waits for exit and returns the exit code; throws if it does not exit in time. */
  public int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("consumer did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The last lines of the log, for failure messages; SmallRye Health's own reports are left out.
   */
  public String logTail(int lines) {
    List<String> all = log().lines().filter(line -> !line.contains("SRHCK01001")).toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    if (isAlive()) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(30));
    }
  }
}
