package io.batchline.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The real Kafka and ClickHouse that {@code dev/stack} runs on this machine. Tests call {@link
 * #ensureUp()}, which runs {@code dev/stack up} (idempotent; installs what is missing).
 */
public final class LocalStack {

  /** The development credential of the broker's SASL/PLAIN listener (dev/kafka). */
  public static final String KAFKA_SASL_USERNAME = "batchline";

  public static final String KAFKA_SASL_PASSWORD = "batchline-dev-sasl-password";

  private static LocalStack instance;

  private final Path repoRoot;

  private LocalStack(Path repoRoot) {
    this.repoRoot = repoRoot;
  }

  public static synchronized LocalStack ensureUp() {
    if (instance == null) {
      LocalStack stack = new LocalStack(findRepoRoot());
      stack.run(Set.of(0), "up");
      instance = stack;
    }
    return instance;
  }

  public Path repoRoot() {
    return repoRoot;
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + env("KAFKA_PORT", "9092");
  }

  /** The broker's SASL/PLAIN listener; see {@link #KAFKA_SASL_USERNAME}. */
  public String kafkaSaslBootstrap() {
    String port = env("KAFKA_SASL_PORT", null);
    if (port == null) {
      port = Integer.toString(Integer.parseInt(env("KAFKA_PORT", "9092")) + 2);
    }
    return "127.0.0.1:" + port;
  }

  public String clickHouseUrl() {
    return "http://127.0.0.1:" + env("CLICKHOUSE_HTTP_PORT", "8123");
  }

  public ClickHouseHttp clickHouse() {
    return new ClickHouseHttp(clickHouseUrl());
  }

  /** Runs {@code dev/stack ARGS...}, for example {@code stop clickhouse} in a fault test. */
  public String run(Set<Integer> okExitCodes, String... args) {
    List<String> command = new ArrayList<>();
    command.add(repoRoot.resolve("dev/stack").toString());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("dev-stack", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(repoRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("dev/stack " + String.join(" ", args) + " timed out");
      }
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (!okExitCodes.contains(process.exitValue())) {
        throw new IllegalStateException(
            "dev/stack "
                + String.join(" ", args)
                + " exited "
                + process.exitValue()
                + ":\n"
                + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run dev/stack: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates a topic with topic-level configs, e.g. {@code max.message.bytes}. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
    }
    // Also for the consumer under test: its dead-letter producer may write here at once.
    TopicReadiness.await(kafkaBootstrap(), name, Duration.ofSeconds(60));
  }

  /** Creates {@code database.table} from {@code samples/clickhouse/events.sql}. */
  public void createEventsTable(String database, String table) {
    try {
      String sql =
          Files.readString(repoRoot.resolve("samples/clickhouse/events.sql"))
              .replace("batchline.events", database + "." + table);
      ClickHouseHttp clickHouse = clickHouse();
      clickHouse.query("CREATE DATABASE IF NOT EXISTS " + database);
      for (String statement : sql.split(";")) {
        String trimmed =
            statement
                .lines()
                .filter(l -> !l.strip().startsWith("--"))
                .reduce("", (a, b) -> a + "\n" + b)
                .strip();
        if (!trimmed.isEmpty()) {
          clickHouse.query(trimmed);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The broker's recent warnings and errors and its last lines, for a failing test's message: a
   * stalled or fenced broker explains a producer timeout better than the timeout does.
   */
  public String kafkaLogTail(int lines) {
    Path devDir =
        Paths.get(env("BATCHLINE_DEV_DIR", repoRoot.resolve(".dev").toString())).toAbsolutePath();
    Path log = devDir.resolve("kafka/logs/server.log");
    try {
      List<String> all = Files.readAllLines(log);
      List<String> warnings =
          all.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
      List<String> tail = new ArrayList<>();
      tail.add("---- " + log + ": last " + lines + " WARN/ERROR lines");
      tail.addAll(warnings.subList(Math.max(0, warnings.size() - lines), warnings.size()));
      tail.add("---- last " + lines + " lines");
      tail.addAll(all.subList(Math.max(0, all.size() - lines), all.size()));
      return String.join("\n", tail);
    } catch (IOException e) {
      return "(no broker log at " + log + ": " + e + ")";
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The checkout root: the folder holding {@code dev/stack}. */
  public static Path findRepoRoot() {
    String configured = System.getProperty("batchline.repo.root");
    if (configured != null && Files.isExecutable(Paths.get(configured, "dev/stack"))) {
      return Paths.get(configured).toAbsolutePath();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("dev/stack"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find dev/stack above " + Paths.get("").toAbsolutePath());
  }
}
