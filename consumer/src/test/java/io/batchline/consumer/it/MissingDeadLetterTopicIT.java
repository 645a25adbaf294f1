package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dead-letter topic that does not exist is one clear startup error naming it, not a consumer that
 * blocks on every bad event and is killed and restarted in a loop.
 */
class MissingDeadLetterTopicIT {

  @Test
  void aMissingDeadLetterTopicStopsTheConsumerAtStartupNamingIt() {
    PipelineFixture pipeline = new PipelineFixture("nodlqtopic", 1);
    Map<String, String> env = pipeline.environment(200, 1);
    String missing = pipeline.topic + "-dlq-missing";
    env.put("EVENT_PROCESSING_DLQ_TOPIC", missing);

    try (ConsumerProcess consumer = pipeline.consumer(env, "consumer")) {
      int exitCode = pipeline.awaitExit(consumer, Duration.ofSeconds(60), 0);

      assertThat(exitCode).isEqualTo(3);
      assertThat(consumer.log())
          .contains("dead-letter topic '" + missing + "' does not exist")
          .contains("unset event-processing.dlq-topic");
    }
  }
}
