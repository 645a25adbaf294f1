package io.batchline.consumer.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The ids Kafka gives topics, part of every deduplication token: unlike a name, an id is not reused
 * when a topic is deleted and created again. Read when partitions are assigned, so a recreated
 * topic is noticed at the next rebalance.
 */
public final class TopicIds implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Admin admin;
  private final Map<String, UUID> known = new ConcurrentHashMap<>();

  public TopicIds(Admin admin) {
    this.admin = admin;
  }

  /**
   * Reads the topic's id from the broker. When the broker cannot say, the id read last time is
   * kept; with none, this throws, and the poll loop fails visibly.
   */
  public UUID refresh(String topic) {
    try {
      TopicDescription description =
          admin
              .describeTopics(java.util.List.of(topic))
              .topicNameValues()
              .get(topic)
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      UUID id =
          new UUID(
              description.topicId().getMostSignificantBits(),
              description.topicId().getLeastSignificantBits());
      known.put(topic, id);
      return id;
    } catch (ExecutionException | TimeoutException e) {
      UUID last = known.get(topic);
      if (last != null) {
        return last;
      }
      throw new IllegalStateException("cannot read the id of topic " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the id of topic " + topic, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
