package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import io.batchline.testkit.LocalStack;
import io.batchline.testkit.TopicReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Kafka that requires SASL: the credential reaches the consumer and its dead-letter producer as
 * {@code KAFKA_PROPERTIES_SASL_JAAS_CONFIG} (what the operator's {@code
 * spec.kafka.secretProperties} sets from a Secret), and never appears in the consumer's log,
 * whether it is right or wrong.
 */
class KafkaCredentialsIT {

  private static final int EVENTS = 2_000;

  @Test
  void aSaslConsumerWritesEveryEventAndDeadLettersWithoutLoggingThePassword() {
    PipelineFixture pipeline = new PipelineFixture("sasl", 2);
    String dlqTopic = pipeline.topic + "-dlq";
    pipeline.stack.createTopic(dlqTopic, 1);
    pipeline.produce(0, EVENTS);
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      producer.send(pipeline.topic, "bad", "not json");
      producer.flush();
    }
    Map<String, String> env = saslEnvironment(pipeline, LocalStack.KAFKA_SASL_PASSWORD);
    env.put("EVENT_PROCESSING_DLQ_TOPIC", dlqTopic);

    try (ConsumerProcess consumer = pipeline.consumer(env, "sasl");
        TopicReader dlq = new TopicReader(pipeline.stack.kafkaBootstrap(), dlqTopic)) {
      pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(2), consumer);
      pipeline.await(
          "the bad event in " + dlqTopic,
          Duration.ofSeconds(60),
          () -> !dlq.poll().isEmpty(),
          EVENTS,
          consumer);

      // The SASL listener refuses a client without the credential, so every row proves it was used.
      assertThat(consumer.log())
          .contains("partitions assigned")
          .doesNotContain(LocalStack.KAFKA_SASL_PASSWORD);
    }
  }

  @Test
  void aWrongPasswordEndsTheConsumerNonZeroWithTheBrokersReasonAndIsNeverLogged() {
    PipelineFixture pipeline = new PipelineFixture("saslwrong", 1);
    pipeline.produce(0, 10);
    String wrong = "not-the-" + LocalStack.KAFKA_SASL_PASSWORD;

    try (ConsumerProcess consumer =
        pipeline.consumer(saslEnvironment(pipeline, wrong), "sasl-wrong")) {
      int exitCode = pipeline.awaitExit(consumer, Duration.ofSeconds(90), 10);

      assertThat(exitCode)
          .as("a dead poll loop ends the process, inside Kubernetes or not")
          .isOne();
      assertThat(consumer.log())
          .contains("poll loop failed")
          .contains("Authentication failed")
          .doesNotContain(wrong);
      assertThat(pipeline.distinctIds()).isZero();
    }
  }

  private static Map<String, String> saslEnvironment(PipelineFixture pipeline, String password) {
    Map<String, String> env = pipeline.environment(500, 1);
    env.put("KAFKA_BOOTSTRAP_SERVERS", pipeline.stack.kafkaSaslBootstrap());
    env.put("KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFKA_PROPERTIES_SASL_MECHANISM", "PLAIN");
    env.put(
        "KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + LocalStack.KAFKA_SASL_USERNAME
            + "\" password=\""
            + password
            + "\";");
    return env;
  }
}
