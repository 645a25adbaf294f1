package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ClickHouseHttp;
import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventLoad;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One isolated pipeline on the shared local stack: its own topic, consumer group and table, so ITs
 * do not see each other's data.
 */
final class PipelineFixture {

  static final String DATABASE = "batchline_it";
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final int LOG_TAIL_LINES = 25;

  final LocalStack stack = LocalStack.ensureUp();
  final ClickHouseHttp clickHouse = stack.clickHouse();
  final String name;
  final String topic;
  final String table;
  final EventGenerator generator;

  PipelineFixture(String testName, int partitions) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    name = testName + "_" + suffix;
    topic = "it-" + name;
    table = "events_" + name;
    generator = new EventGenerator(name, 50, System.currentTimeMillis());
    stack.createTopic(topic, partitions);
    stack.createEventsTable(DATABASE, table);
  }

  String qualifiedTable() {
    return DATABASE + "." + table;
  }

  Map<String, String> environment(int batchSize, int flushSeconds) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap());
    env.put("EVENT_PROCESSING_TOPIC", topic);
    env.put("EVENT_PROCESSING_CONSUMER_GROUP", "group-" + name);
    env.put("EVENT_PROCESSING_BATCH_SIZE", Integer.toString(batchSize));
    env.put("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", Integer.toString(flushSeconds));
    env.put("CLICKHOUSE_URL", stack.clickHouseUrl());
    env.put("CLICKHOUSE_DATABASE", DATABASE);
    env.put("CLICKHOUSE_TABLE", table);
    // A killed consumer keeps its partitions until its session times out; Kafka's default of 45 s
    // would be most of a fault test's runtime. 6 s is the broker's minimum.
    env.put("KAFKA_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
    env.put("KAFKA_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
    return env;
  }

  ConsumerProcess consumer(Map<String, String> env, String logName) {
    Path log = Path.of("target", "it-logs", name + "-" + logName + ".log");
    return new ConsumerProcess(env, log, freePort()).start(ConsumerProcess.jar(stack.repoRoot()));
  }

  /** Starts a consumer and waits until its readiness check passes. */
  ConsumerProcess readyConsumer(Map<String, String> env, String logName) {
    ConsumerProcess consumer = consumer(env, logName);
    try {
      await(logName + " ready", READY_TIMEOUT, consumer::isReady, 0, consumer);
      return consumer;
    } catch (AssertionError e) {
      consumer.close();
      throw e;
    }
  }

  void produce(long from, long count) {
    try (EventProducer producer = new EventProducer(stack.kafkaBootstrap())) {
      producer.produce(topic, generator, from, count, 0, done -> {});
    }
  }

  /** Produces events {@code 0..count-1} in the background at {@code ratePerSecond}. */
  EventLoad startLoad(long count, int ratePerSecond) {
    return EventLoad.start(stack.kafkaBootstrap(), topic, generator, count, ratePerSecond);
  }

  /** Produces events {@code from..from+count-1} in the background. */
  EventLoad startLoad(long from, long count, int ratePerSecond) {
    return EventLoad.start(stack.kafkaBootstrap(), topic, generator, from, count, ratePerSecond);
  }

  /**
   * Waits until the broker has acknowledged every event of the load; on failure reports the
   * pipeline, the consumers and the broker's log, since a stalled broker is not the consumer's
   * fault and must be told apart from one.
   */
  void awaitLoad(EventLoad load, Duration timeout, ConsumerProcess... consumers) {
    try {
      load.await(timeout);
    } catch (IllegalStateException e) {
      throw new AssertionError(
          e.getMessage()
              + "\n"
              + state(load.count(), consumers)
              + "\n"
              + stack.kafkaLogTail(LOG_TAIL_LINES),
          e);
    }
  }

  /** Waits until this consumer process has polled at least {@code records} records. */
  void awaitReceived(ConsumerProcess consumer, long records, long produced) {
    await(
        "consumer to receive " + records + " records",
        Duration.ofSeconds(120),
        () -> consumer.metric("batchline_events_received_total") >= records,
        produced,
        consumer);
  }

  /**
   * Waits until this consumer process has polled at least {@code records} records and holds some it
   * has not written yet: the moment at which a fault must not lose them.
   */
  void awaitBuffered(ConsumerProcess consumer, long records, long produced) {
    await(
        "a non-empty buffer after " + records + " records",
        Duration.ofSeconds(120),
        () ->
            consumer.metric("batchline_events_received_total") >= records
                && consumer.metric("batchline_buffer_records") > 0,
        produced,
        consumer);
  }

  /**
   * Waits until every id in {@code [0, produced)} is in the table and asserts that none is missing.
   *
   * @return how long that took
   */
  Duration awaitEveryId(long produced, Duration timeout, ConsumerProcess... consumers) {
    long started = System.nanoTime();
    await(
        "all " + produced + " ids in ClickHouse",
        timeout,
        () -> distinctIds() >= produced,
        produced,
        consumers);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(missingIds(produced)).as(() -> state(produced, consumers)).isEmpty();
    return took;
  }

  /**
   * Waits until one id is in the table.
   *
   * @return how long that took from {@code since} (a {@link System#nanoTime()} reading)
   */
  Duration awaitId(String id, long since, Duration timeout, ConsumerProcess... consumers) {
    await(
        "id " + id + " in ClickHouse",
        timeout,
        () ->
            clickHouse.queryLong(
                    "SELECT count() FROM " + qualifiedTable() + " WHERE id = '" + id + "'")
                > 0,
        0,
        consumers);
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /** Prints how long a bad input held up the next good event, for the closing figures. */
  static void printStall(String test, Duration badInputToNextGood) {
    System.out.printf(
        "[stall-figures] %s bad input to next good event written: %d ms%n",
        test, badInputToNextGood.toMillis());
  }

  /** Waits for the consumer to exit and returns its exit code; fails with its log tail if not. */
  int awaitExit(ConsumerProcess consumer, Duration timeout, long produced) {
    try {
      return consumer.waitForExit(timeout);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage() + "\n" + state(produced, consumer), e);
    }
  }

  /**
   * Waits for a condition (exceptions count as not yet); on timeout fails with the pipeline's state
   * and the tail of each consumer's log.
   */
  void await(
      String what,
      Duration timeout,
      Callable<Boolean> condition,
      long produced,
      ConsumerProcess... consumers) {
    try {
      Awaitility.await(what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "timed out after " + timeout + " waiting for " + what + "\n" + state(produced, consumers),
          e);
    }
  }

  /** Produced, present and missing counts, and each consumer's log tail; never throws. */
  String state(long produced, ConsumerProcess... consumers) {
    StringBuilder out = new StringBuilder();
    try {
      Set<String> missing = missingIds(produced);
      out.append(
          String.format(
              "produced=%d present=%d rows_before_final=%d missing=%d %s%n",
              produced,
              distinctIds(),
              rows(),
              missing.size(),
              missing.stream().sorted().limit(5).toList()));
    } catch (RuntimeException e) {
      out.append("produced=").append(produced).append(" (table unreadable: ").append(e);
      out.append(")\n");
    }
    for (int i = 0; i < consumers.length; i++) {
      ConsumerProcess consumer = consumers[i];
      out.append(
          String.format(
              "---- consumer %d (pid %s, alive=%s), last %d log lines:%n%s%n",
              i,
              consumer.isAlive() ? consumer.pid() : "-",
              consumer.isAlive(),
              LOG_TAIL_LINES,
              consumer.logTail(LOG_TAIL_LINES)));
    }
    return out.toString();
  }

  /**
   * Stops background merges of this table, so that {@code count()} before {@code FINAL} shows every
   * row written twice instead of the ReplacingMergeTree collapsing it within seconds.
   */
  void stopMerges() {
    clickHouse.query("SYSTEM STOP MERGES " + qualifiedTable());
  }

  long distinctIds() {
    return clickHouse.queryLong("SELECT uniqExact(id) FROM " + qualifiedTable());
  }

  long rows() {
    return clickHouse.queryLong("SELECT count() FROM " + qualifiedTable());
  }

  /** The generated ids in [0, count) that are not in the table. */
  Set<String> missingIds(long count) {
    Set<String> present =
        new HashSet<>(clickHouse.queryLines("SELECT DISTINCT id FROM " + qualifiedTable()));
    return LongStream.range(0, count)
        .mapToObj(generator::id)
        .filter(id -> !present.contains(id))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** INSERT statements that finished against this table, from system.query_log. */
  long finishedInserts() {
    return finishedInsertsSum("count()");
  }

  /**
   * Rows that finished INSERTs wrote, from system.query_log: unlike {@link #rows()}, a background
   * merge of the ReplacingMergeTree cannot hide a duplicate from it.
   */
  long writtenRows() {
    return finishedInsertsSum("sum(written_rows)");
  }

  private long finishedInsertsSum(String aggregate) {
    clickHouse.query("SYSTEM FLUSH LOGS");
    return clickHouse.queryLong(
        "SELECT "
            + aggregate
            + " FROM system.query_log WHERE type = 2 AND query LIKE 'INSERT INTO "
            + qualifiedTable()
            + " %'");
  }

  /** The figures a fault test reports, read now. */
  FaultFigures figures(long produced, Duration drain) {
    return new FaultFigures(produced, distinctIds(), rows(), writtenRows(), drain);
  }

  List<String> lines(String sql) {
    return clickHouse.queryLines(sql);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
