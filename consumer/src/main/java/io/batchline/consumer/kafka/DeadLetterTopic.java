package io.batchline.consumer.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The startup check of the dead-letter topic: it must exist, and its size limit is read. */
public final class DeadLetterTopic {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  /** The topic is missing or cannot be described; the message names it and says what to do. */
  public static final class Unusable extends Exception {
    Unusable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private DeadLetterTopic() {}

  /**
   * @return the topic's {@code max.message.bytes}
   */
  public static int maxMessageBytes(Admin admin, String topic) throws Unusable {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return Integer.parseInt(configs.get(resource).get(MAX_MESSAGE_BYTES).value());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new Unusable(
            "dead-letter topic '"
                + topic
                + "' does not exist: create it (max.message.bytes as large as your largest"
                + " event) or unset event-processing.dlq-topic",
            e.getCause());
      }
      throw new Unusable(
          "cannot describe dead-letter topic '" + topic + "': " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new Unusable(
          "cannot describe dead-letter topic '" + topic + "' within " + TIMEOUT.toSeconds() + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unusable("interrupted while describing dead-letter topic '" + topic + "'", e);
    }
  }
}
