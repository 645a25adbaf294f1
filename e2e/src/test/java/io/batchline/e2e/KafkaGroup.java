package io.batchline.e2e;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** A consumer group as Kafka sees it from the host: its members and its lag. */
final class KafkaGroup implements AutoCloseable {

  private final Admin admin;
  private final String group;
  private final String topic;

  KafkaGroup(String bootstrapServers, String group, String topic) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.group = group;
    this.topic = topic;
  }

  int members() {
    try {
      return admin
          .describeConsumerGroups(java.util.List.of(group))
          .all()
          .get(10, TimeUnit.SECONDS)
          .get(group)
          .members()
          .size();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe group " + group + ": " + e, e);
    }
  }

  /** End offsets minus committed offsets, summed over the topic's partitions. */
  long lag() {
    try {
      var committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      var partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions();
      var request =
          partitions.stream()
              .collect(
                  Collectors.toMap(
                      p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                      p -> OffsetSpec.latest()));
      var ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var end : ends.entrySet()) {
        var done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : ((OffsetAndMetadata) done).offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the lag of " + group + ": " + e, e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
