package io.batchline.consumer.batch;

/**
 * One Kafka record as the pipeline sees it: where it came from and its raw value.
 *
 * @param value the record value, or {@code null} for a tombstone
 */
public record SourceRecord(
    PartitionKey partition, long offset, long timestampMillis, byte[] value) {

  public int sizeBytes() {
    return value == null ? 0 : value.length;
  }

  /** The id an event gets when it carries none: stable across replays of the same record. */
  public String positionId() {
    return partition.topic() + "-" + partition.partition() + "-" + offset;
  }
}
