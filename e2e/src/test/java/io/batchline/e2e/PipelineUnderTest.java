package io.batchline.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One EventPipeline on the cluster, in a namespace of its own, with its own topic, table and
 * credentials Secret: what a user creates, driven the way a user drives it (kubectl apply, patch,
 * scale, delete).
 */
final class PipelineUnderTest {

  static final String SECRET = "clickhouse-credentials";
  static final String DATABASE = "e2e";

  private static final ResourceDefinitionContext EVENT_PIPELINES =
      new ResourceDefinitionContext.Builder()
          .withGroup(Names.GROUP)
          .withVersion(Names.VERSION)
          .withKind(Names.KIND)
          .withPlural("eventpipelines")
          .withNamespaced(true)
          .build();

  /**
   * Smaller CPU requests than the operator's default (250m), so that the scenarios that run at the
   * same time, with a surge pod each during a roll, fit on the node's 2 CPUs. Limits as default.
   */
  private static final Map<String, Object> CONSUMER_RESOURCES =
      Map.of(
          "requests", Map.of("cpu", "100m", "memory", "512Mi"),
          "limits", Map.of("cpu", "2", "memory", "1Gi"));

  final E2eCluster cluster;
  final String name;
  final String namespace;
  final String topic;
  final String table;

  private PipelineUnderTest(E2eCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
    this.namespace = "e2e-" + name;
    this.topic = "e2e-" + name;
    this.table = DATABASE + "." + name.replace('-', '_');
  }

  /** The operator's default: the topic's name with {@code .dlq}. */
  String deadLetterTopic() {
    return topic + ".dlq";
  }

  /**
   * A fresh namespace, topic, table and Secret for a pipeline called {@code name}; whatever an
   * earlier run left under these names is removed first.
   */
  static PipelineUnderTest prepare(E2eCluster cluster, String name, int partitions) {
    var p = new PipelineUnderTest(cluster, name);
    var client = cluster.client;
    if (client.namespaces().withName(p.namespace).get() != null) {
      client.namespaces().withName(p.namespace).delete();
      await("namespace " + p.namespace + " gone")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> client.namespaces().withName(p.namespace).get() == null);
    }
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(p.namespace).endMetadata().build())
        .create();
    p.writeSecret(Names.CLICKHOUSE_USER_A, Names.CLICKHOUSE_PASSWORD_A);
    cluster.stack.clickHouse().query("DROP TABLE IF EXISTS " + p.table);
    cluster.stack.createEventsTable(DATABASE, p.table.substring(DATABASE.length() + 1));
    cluster.stack.createTopic(p.topic, partitions);
    // The dead-letter topic the operator names by default; consumers refuse to start without it.
    cluster.stack.createTopic(p.deadLetterTopic(), 1);
    E2eLog.say(
        "prepared %s: namespace %s, topic %s (%d partitions) and %s, table %s",
        name, p.namespace, p.topic, partitions, p.deadLetterTopic(), p.table);
    return p;
  }

  /** The Secret the pipeline's ClickHouse login comes from; a change rolls the consumers. */
  void writeSecret(String username, String password) {
    cluster
        .client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(SECRET)
                .endMetadata()
                .withStringData(Map.of("username", username, "password", password))
                .build())
        .serverSideApply();
  }

  /**
   * {@code kubectl apply -f} of the pipeline: kafka and clickhouse filled in (the consumer image is
   * the operator's setting, from the dev/k8s overlay), with {@code extraSpec} (YAML of spec fields)
   * merged over them, nested maps key by key.
   */
  void apply(String extraSpec) {
    var spec =
        new LinkedHashMap<String, Object>(
            Map.of(
                "kafka",
                new LinkedHashMap<>(
                    Map.of("bootstrapServers", cluster.kafkaForPods, "topic", topic)),
                "clickhouse",
                new LinkedHashMap<>(
                    Map.of(
                        "url", cluster.clickHouseForPods,
                        "database", DATABASE,
                        "table", table.substring(DATABASE.length() + 1),
                        "username", secretKey("username"),
                        "password", secretKey("password"))),
                "consumer",
                new LinkedHashMap<>(Map.of("resources", CONSUMER_RESOURCES))));
    if (!extraSpec.isBlank()) {
      merge(spec, Serialization.unmarshal(extraSpec, Map.class));
    }
    var pipeline =
        Map.of(
            "apiVersion",
            Names.GROUP + "/" + Names.VERSION,
            "kind",
            Names.KIND,
            "metadata",
            Map.of("name", name, "namespace", namespace),
            "spec",
            spec);
    try {
      var file = Files.createTempFile("pipeline-" + name, ".yaml");
      Files.writeString(file, Serialization.asYaml(pipeline));
      cluster.kubectl("apply", "-f", file.toString());
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> secretKey(String key) {
    return Map.of("secretKeyRef", Map.of("name", SECRET, "key", key));
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<?, ?> from) {
    from.forEach(
        (key, value) -> {
          var existing = into.get(key.toString());
          if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
            var copy = new LinkedHashMap<String, Object>((Map<String, Object>) a);
            merge(copy, b);
            into.put(key.toString(), copy);
          } else {
            into.put(key.toString(), value);
          }
        });
  }

  /** {@code kubectl patch --type merge} of the pipeline, e.g. {@code {"spec":{"replicas":3}}}. */
  void patch(String mergePatch) {
    cluster.kubectl(
        "-n", namespace, "patch", Names.RESOURCE, name, "--type", "merge", "-p", mergePatch);
  }

  void scale(int replicas) {
    cluster.kubectl(
        "-n", namespace, "scale", Names.RESOURCE + "/" + name, "--replicas=" + replicas);
  }

  Optional<GenericKubernetesResource> resource() {
    return Optional.ofNullable(
        cluster
            .client
            .genericKubernetesResources(EVENT_PIPELINES)
            .inNamespace(namespace)
            .withName(name)
            .get());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> status() {
    return resource()
        .map(r -> (Map<String, Object>) r.getAdditionalProperties().get("status"))
        .orElse(Map.of());
  }

  /** The condition of this type, or an empty map. */
  @SuppressWarnings("unchecked")
  Map<String, Object> condition(String type) {
    var conditions = (List<Map<String, Object>>) status().getOrDefault("conditions", List.of());
    return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
  }

  boolean conditionIs(String type, String status, String reason) {
    var c = condition(type);
    return status.equals(c.get("status")) && (reason == null || reason.equals(c.get("reason")));
  }

  /** Ready with every replica ready, and the status written for the current generation. */
  void awaitReady(int replicas, Duration timeout) {
    await(name + " Ready with " + replicas + " consumers")
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              var generation = resource().map(r -> r.getMetadata().getGeneration()).orElse(-1L);
              var s = status();
              return conditionIs("Ready", "True", "ConsumersReady")
                  && conditionIs("Progressing", "False", "RolloutComplete")
                  && generation.equals(asLong(s.get("observedGeneration")))
                  && Long.valueOf(replicas).equals(asLong(s.get("readyReplicas")))
                  && pods().size() == replicas;
            });
    E2eLog.say("%s Ready: %d/%d consumers (%s)", name, replicas, replicas, podNames());
  }

  List<Pod> pods() {
    return cluster
        .client
        .pods()
        .inNamespace(namespace)
        .withLabel(Names.INSTANCE_LABEL, name)
        .list()
        .getItems();
  }

  List<String> podNames() {
    return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private static Long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
