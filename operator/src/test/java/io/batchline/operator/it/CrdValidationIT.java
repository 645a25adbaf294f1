package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchline.operator.Samples;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed CRD on a real API server: samples go in, bad specs are refused by field. */
class CrdValidationIT {

  private static KubernetesClient client;
  private static String namespace;
  private static PipelineTrees trees;

  @BeforeAll
  static void start() {
    var server = RealApiServer.get();
    client = server.client();
    namespace = server.namespace("crd-validation");
    trees = new PipelineTrees(client, namespace);
  }

  private static ObjectNode base() {
    return trees.base();
  }

  private static EventPipeline create(JsonNode tree) {
    return trees.create(tree);
  }

  private static ObjectNode at(ObjectNode tree, String path) {
    return PipelineTrees.at(tree, path);
  }

  @ParameterizedTest
  @FieldSource("io.batchline.operator.Samples#FILES")
  void everySampleIsAccepted(String file) {
    var sample = Samples.load(file);
    sample.getMetadata().setNamespace(namespace);

    var created = client.resource(sample).create();

    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getSpec().getKafka().getTopic()).isEqualTo("events");
  }

  @Test
  void theServerFillsTheDefaults() {
    var tree = base();
    ((ObjectNode) tree.get("spec")).remove(java.util.List.of("batch", "consumer", "replicas"));
    at(tree, "spec.clickhouse").remove(java.util.List.of("database", "table"));

    var created = create(tree);

    assertThat(created.getSpec().getReplicas()).isEqualTo(1);
    assertThat(created.getSpec().getBatch().getSize()).isEqualTo(200);
    assertThat(created.getSpec().getBatch().getFlushSeconds()).isEqualTo(5);
    assertThat(created.getSpec().getConsumer().getImage())
        .as("no image is stored: the operator's consumer image applies")
        .isNull();
    assertThat(created.getSpec().getClickhouse().getTable()).isEqualTo("events");
  }

  @Test
  void rollbackModeAndTheOptInAreAccepted() {
    var rollback = base();
    at(rollback, "spec.batch").put("size", 1).put("flushSeconds", 0);
    var optIn = base();
    at(optIn, "spec.batch")
        .put("size", 50)
        .put("flushSeconds", 0)
        .put("allowZeroFlushSeconds", true);

    assertThat(create(rollback).getSpec().getBatch().getFlushSeconds()).isZero();
    assertThat(create(optIn).getSpec().getBatch().getSize()).isEqualTo(50);
  }

  @Test
  void lagAutoscalingWithinThePartitionsIsAccepted() {
    var tree = base();
    at(tree, "spec.kafka").put("partitions", 6);
    at(tree, "spec.autoscaling").put("maxReplicas", 6).put("metric", "lag");

    var created = create(tree);

    assertThat(created.getSpec().getAutoscaling().getLagThreshold()).isEqualTo(1000);
    assertThat(created.getSpec().getAutoscaling().getMetric())
        .isEqualTo(io.batchline.operator.api.AutoscalingMetric.LAG);
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        invalid("negative batch size", "spec.batch.size", t -> at(t, "spec.batch").put("size", -5)),
        invalid(
            "flush interval over an hour",
            "spec.batch.flushSeconds",
            t -> at(t, "spec.batch").put("flushSeconds", 7200)),
        invalid(
            "flushSeconds 0 without size 1 or opt-in",
            "spec.batch.flushSeconds",
            t -> at(t, "spec.batch").put("size", 200).put("flushSeconds", 0)),
        invalid("missing topic", "spec.kafka.topic", t -> at(t, "spec.kafka").remove("topic")),
        invalid(
            "topic with spaces",
            "spec.kafka.topic",
            t -> at(t, "spec.kafka").put("topic", "bad topic!")),
        invalid(
            "missing bootstrap servers",
            "spec.kafka.bootstrapServers",
            t -> at(t, "spec.kafka").remove("bootstrapServers")),
        invalid(
            "missing clickhouse",
            "spec.clickhouse",
            t -> ((ObjectNode) t.get("spec")).remove("clickhouse")),
        invalid(
            "url without scheme",
            "spec.clickhouse.url",
            t -> at(t, "spec.clickhouse").put("url", "clickhouse:8123")),
        invalid(
            "inline password",
            "spec.clickhouse.password",
            t -> at(t, "spec.clickhouse").put("password", "hunter2")),
        invalid(
            "secretKeyRef without key",
            "spec.clickhouse.password.secretKeyRef.key",
            t -> at(t, "spec.clickhouse.password.secretKeyRef").remove("key")),
        invalid("negative replicas", "spec.replicas", t -> at(t, "spec").put("replicas", -1)),
        invalid(
            "max below min replicas",
            "spec.autoscaling.maxReplicas",
            t -> at(t, "spec.autoscaling").put("minReplicas", 5).put("maxReplicas", 2)),
        invalid(
            "target above 100 percent",
            "spec.autoscaling.target",
            t -> at(t, "spec.autoscaling").put("maxReplicas", 4).put("target", 150)),
        invalid(
            "unknown autoscaling metric",
            "spec.autoscaling.metric",
            t -> at(t, "spec.autoscaling").put("maxReplicas", 4).put("metric", "memory")),
        invalid(
            "more consumers than partitions",
            "spec.autoscaling.maxReplicas",
            t -> {
              at(t, "spec.kafka").put("partitions", 4);
              at(t, "spec.autoscaling").put("maxReplicas", 6);
            }),
        invalid(
            "zero partitions",
            "spec.kafka.partitions",
            t -> at(t, "spec.kafka").put("partitions", 0)),
        invalid(
            "zero lag threshold",
            "spec.autoscaling.lagThreshold",
            t -> at(t, "spec.autoscaling").put("maxReplicas", 4).put("lagThreshold", 0)),
        invalid(
            "managed kafka property",
            "spec.kafka.properties",
            t -> at(t, "spec.kafka.properties").put("group.id", "other")),
        invalid(
            "secret in kafka properties",
            "spec.kafka.properties",
            t -> at(t, "spec.kafka.properties").put("sasl.jaas.config", "... password=x;")),
        invalid(
            "managed property from a secret",
            "spec.kafka.secretProperties",
            t -> secretProperty(t, "group.id")),
        invalid(
            "secret property that is not a property name",
            "spec.kafka.secretProperties",
            t -> secretProperty(t, "SASL_JAAS_CONFIG")),
        invalid(
            "property set both inline and from a secret",
            "spec.kafka.secretProperties",
            t -> {
              at(t, "spec.kafka.properties").put("security.protocol", "SASL_SSL");
              secretProperty(t, "security.protocol");
            }),
        invalid(
            "event larger than batch",
            "spec.batch.maxEventBytes",
            t -> at(t, "spec.batch").put("maxBytes", 1_048_576).put("maxEventBytes", 2_000_000)),
        invalid(
            "event larger than the consumer's default batch bytes",
            "spec.batch.maxEventBytes",
            t -> at(t, "spec.batch").put("maxEventBytes", 40_000_000)),
        invalid(
            "zero rate limit",
            "spec.consumer.rateLimit",
            t -> at(t, "spec.consumer").put("rateLimit", 0)),
        invalid(
            "bootstrap server without a port",
            "spec.kafka.bootstrapServers",
            t -> at(t, "spec.kafka").put("bootstrapServers", "kafka")),
        invalid(
            "bootstrap servers separated by semicolons",
            "spec.kafka.bootstrapServers",
            t -> at(t, "spec.kafka").put("bootstrapServers", "a:9092; b:9092")),
        invalid(
            "memory in MB, which is no quantity",
            "spec.consumer.resources.requests",
            t -> at(t, "spec.consumer.resources.requests").put("memory", "512MB")),
        invalid(
            "a limit that is no quantity",
            "spec.consumer.resources.limits",
            t -> at(t, "spec.consumer.resources.limits").put("cpu", "two")),
        invalid(
            "a TLS key in kafka properties",
            "spec.kafka.properties",
            t -> at(t, "spec.kafka.properties").put("ssl.keystore.key", "-----BEGIN")),
        invalid(
            "a *.secret in kafka properties",
            "spec.kafka.properties",
            t ->
                at(t, "spec.kafka.properties")
                    .put("sasl.oauthbearer.client.credentials.client.secret", "s3cr3t")),
        invalid(
            "credentials in the ClickHouse URL",
            "spec.clickhouse.url",
            t -> at(t, "spec.clickhouse").put("url", "http://default:hunter2@clickhouse:8123")),
        invalid(
            "more replicas than partitions",
            "spec.replicas",
            t -> {
              at(t, "spec.kafka").put("partitions", 3);
              at(t, "spec").put("replicas", 4);
            }),
        invalid(
            "a column name with a dash",
            "spec.clickhouse.columns",
            t -> at(t, "spec.clickhouse.columns").put("trace-id", "_header.trace-id")),
        invalid(
            "a column source that is no path",
            "spec.clickhouse.columns",
            t -> at(t, "spec.clickhouse.columns").put("region", "properties..region")));
  }

  private static void secretProperty(ObjectNode tree, String property) {
    at(tree, "spec.kafka.secretProperties")
        .putObject(property)
        .putObject("secretKeyRef")
        .put("name", "kafka-login")
        .put("key", "value");
  }

  @Test
  void kafkaCredentialsFromASecretAreAccepted() {
    var tree = base();
    at(tree, "spec.kafka.properties").put("security.protocol", "SASL_SSL");
    secretProperty(tree, "sasl.jaas.config");

    var created = create(tree);

    assertThat(created.getSpec().getKafka().getSecretProperties().get("sasl.jaas.config"))
        .satisfies(v -> assertThat(v.getSecretKeyRef().getName()).isEqualTo("kafka-login"));
  }

  private static Arguments invalid(String what, String field, Consumer<ObjectNode> change) {
    return Arguments.of(what, field, change);
  }

  @ParameterizedTest(name = "{0} is refused naming {1}")
  @MethodSource("invalidSpecs")
  void invalidSpecsAreRefusedNamingTheField(
      String what, String field, Consumer<ObjectNode> change) {
    var tree = base();
    change.accept(tree);

    var refused = catchThrowableOfType(KubernetesClientException.class, () -> create(tree));

    assertThat(refused).as(what + " was accepted").isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getStatus().getMessage()).contains(field + ": ");
  }
}
