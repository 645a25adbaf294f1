package io.batchline.operator;

import io.batchline.operator.api.ClickHouseSpec;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.EventPipelineSpec;
import io.batchline.operator.api.KafkaSpec;
import io.batchline.operator.api.SecretKeyRef;
import io.batchline.operator.api.SecretValue;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;

/** Pipelines for tests, built in Java so that each test changes only what it is about. */
public final class TestPipelines {

  public static final String SECRET = "clickhouse-credentials";

  private TestPipelines() {}

  /** A valid pipeline as the API server would hand it over: with a uid and a generation. */
  public static EventPipeline orders() {
    var pipeline = unsaved("orders", "shop");
    pipeline.getMetadata().setUid("0b6c2f4e-1111-2222-3333-444455556666");
    pipeline.getMetadata().setGeneration(1L);
    return pipeline;
  }

  /** Adds a Kafka SASL login read from the Secret {@code kafka-login}, key {@code jaas}. */
  public static EventPipeline withKafkaLogin(EventPipeline pipeline) {
    pipeline
        .getSpec()
        .getKafka()
        .setSecretProperties(
            Map.of("sasl.jaas.config", new SecretValue(new SecretKeyRef("kafka-login", "jaas"))));
    return pipeline;
  }

  /** A valid pipeline as a user writes it, before it is created. */
  public static EventPipeline unsaved(String name, String namespace) {
    var kafka = new KafkaSpec();
    kafka.setBootstrapServers("kafka:9092");
    kafka.setTopic("orders");
    var clickhouse = new ClickHouseSpec();
    clickhouse.setUrl("http://clickhouse:8123");
    clickhouse.setUsername(new SecretValue(new SecretKeyRef(SECRET, "username")));
    clickhouse.setPassword(new SecretValue(new SecretKeyRef(SECRET, "password")));
    var spec = new EventPipelineSpec();
    spec.setKafka(kafka);
    spec.setClickhouse(clickhouse);
    var pipeline = new EventPipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    pipeline.setSpec(spec);
    return pipeline;
  }
}
