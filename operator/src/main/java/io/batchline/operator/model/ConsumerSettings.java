package io.batchline.operator.model;

import io.batchline.operator.api.BatchSpec;
import io.batchline.operator.api.ClickHouseSpec;
import io.batchline.operator.api.ConsumerSpec;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.KafkaSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The consumer's configuration as environment variables, the only way the consumer is configured
 * (DESIGN §9). Credentials are not here: they reach the pod through secretKeyRefs. Extra Kafka
 * client properties become {@code KAFKA_PROPERTIES_<NAME>}, NAME being the property name in upper
 * case with dots replaced by underscores; the consumer reverses that mapping. The drain and insert
 * timeouts are always written, so that the pod's termination grace period (see {@link
 * TerminationGrace}) is computed from the values the consumer really uses.
 */
public final class ConsumerSettings {

  public static final String KAFKA_PROPERTIES_PREFIX = "KAFKA_PROPERTIES_";

  private ConsumerSettings() {}

  public static SortedMap<String, String> environment(EventPipeline pipeline) {
    var spec = pipeline.getSpec();
    var env = new TreeMap<String, String>();
    putKafka(env, pipeline, spec.getKafka());
    putBatch(env, Optional.ofNullable(spec.getBatch()).orElseGet(BatchSpec::new));
    putClickHouse(env, spec.getClickhouse());
    var consumer = Optional.ofNullable(spec.getConsumer()).orElseGet(ConsumerSpec::new);
    Optional.ofNullable(consumer.getRateLimit())
        .ifPresent(limit -> env.put("EVENT_PROCESSING_RATE_LIMIT", limit.toString()));
    env.put("EVENT_PROCESSING_DRAIN_TIMEOUT", drainTimeoutSeconds(consumer) + "s");
    env.put("CLICKHOUSE_INSERT_TIMEOUT", insertTimeoutSeconds(consumer) + "s");
    return env;
  }

  static int drainTimeoutSeconds(ConsumerSpec consumer) {
    return Optional.ofNullable(consumer)
        .map(ConsumerSpec::getDrainTimeoutSeconds)
        .orElse(ConsumerSpec.DEFAULT_DRAIN_TIMEOUT_SECONDS);
  }

  static int insertTimeoutSeconds(ConsumerSpec consumer) {
    return Optional.ofNullable(consumer)
        .map(ConsumerSpec::getInsertTimeoutSeconds)
        .orElse(ConsumerSpec.DEFAULT_INSERT_TIMEOUT_SECONDS);
  }

  /**
   * spec.clickhouse.columns as the consumer reads it: {@code column=source} pairs sorted by column
   * and joined with commas. Empty when the spec maps no column.
   */
  public static Optional<String> columns(ClickHouseSpec clickhouse) {
    return Optional.ofNullable(clickhouse.getColumns())
        .filter(columns -> !columns.isEmpty())
        .map(
            columns ->
                new TreeMap<>(columns)
                    .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
  }

  /** The group used when the spec names none: unique per pipeline across namespaces. */
  public static String consumerGroup(EventPipeline pipeline) {
    return Optional.ofNullable(pipeline.getSpec().getKafka().getConsumerGroup())
        .orElse(
            "batchline."
                + pipeline.getMetadata().getNamespace()
                + "."
                + pipeline.getMetadata().getName());
  }

  public static String kafkaPropertyVariable(String property) {
    return KAFKA_PROPERTIES_PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static void putKafka(Map<String, String> env, EventPipeline pipeline, KafkaSpec kafka) {
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
    env.put("EVENT_PROCESSING_TOPIC", kafka.getTopic());
    env.put("EVENT_PROCESSING_CONSUMER_GROUP", consumerGroup(pipeline));
    env.put(
        "EVENT_PROCESSING_DLQ_TOPIC",
        Optional.ofNullable(kafka.getDlqTopic()).orElse(kafka.getTopic() + ".dlq"));
    Optional.ofNullable(kafka.getProperties())
        .ifPresent(props -> props.forEach((k, v) -> env.put(kafkaPropertyVariable(k), v)));
  }

  private static void putBatch(Map<String, String> env, BatchSpec batch) {
    var defaults = new BatchSpec();
    env.put(
        "EVENT_PROCESSING_BATCH_SIZE",
        String.valueOf(Optional.ofNullable(batch.getSize()).orElse(defaults.getSize())));
    env.put("EVENT_PROCESSING_BATCH_FLUSH_SECONDS", String.valueOf(flushSeconds(batch)));
    Optional.ofNullable(batch.getMaxBytes())
        .ifPresent(v -> env.put("EVENT_PROCESSING_BATCH_MAX_BYTES", v.toString()));
    Optional.ofNullable(batch.getMaxEventBytes())
        .ifPresent(v -> env.put("EVENT_PROCESSING_MAX_EVENT_BYTES", v.toString()));
  }

  static int flushSeconds(BatchSpec batch) {
    return Optional.ofNullable(batch)
        .map(BatchSpec::getFlushSeconds)
        .orElse(BatchSpec.DEFAULT_FLUSH_SECONDS);
  }

  private static void putClickHouse(Map<String, String> env, ClickHouseSpec clickhouse) {
    var defaults = new ClickHouseSpec();
    env.put("CLICKHOUSE_URL", clickhouse.getUrl());
    env.put(
        "CLICKHOUSE_DATABASE",
        Optional.ofNullable(clickhouse.getDatabase()).orElse(defaults.getDatabase()));
    env.put(
        "CLICKHOUSE_TABLE", Optional.ofNullable(clickhouse.getTable()).orElse(defaults.getTable()));
    columns(clickhouse).ifPresent(columns -> env.put("CLICKHOUSE_COLUMNS", columns));
  }
}
