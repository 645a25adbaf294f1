package io.batchline.consumer.batch;

/** A Kafka topic partition, without a dependency on the Kafka client. */
public record PartitionKey(String topic, int partition) implements Comparable<PartitionKey> {

  @Override
  public int compareTo(PartitionKey other) {
    int byTopic = topic.compareTo(other.topic);
    return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
