package io.batchline.consumer.it;

import io.batchline.testkit.ClickHouseHttp;
import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.LocalStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One isolated pipeline on the shared local stack: its own topic, consumer group and table, so ITs
 * do not see each other's data.
 */
final class PipelineFixture {

  static final String DATABASE = "batchline_it";

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
    return env;
  }

  ConsumerProcess consumer(Map<String, String> env, String logName) {
    int port = 20000 + ThreadLocalRandom.current().nextInt(20000);
    Path log = Path.of("target", "it-logs", name + "-" + logName + ".log");
    return new ConsumerProcess(env, log, port).start(ConsumerProcess.jar(stack.repoRoot()));
  }

  void produce(long from, long count) {
    try (EventProducer producer = new EventProducer(stack.kafkaBootstrap())) {
      producer.produce(topic, generator, from, count, 0, done -> {});
    }
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
    clickHouse.query("SYSTEM FLUSH LOGS");
    return clickHouse.queryLong(
        "SELECT count() FROM system.query_log WHERE type = 2 AND query LIKE 'INSERT INTO "
            + qualifiedTable()
            + " %'");
  }

  List<String> lines(String sql) {
    return clickHouse.queryLines(sql);
  }
}
