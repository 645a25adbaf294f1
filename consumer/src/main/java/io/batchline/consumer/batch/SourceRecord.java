package io.batchline.consumer.batch;

/**
 * One Kafka record as the pipeline sees it: where it came from, its raw value, key and headers.
 *
 * @param value the record value, or {@code null} for a tombstone
 * @param key the record key, or {@code null}
 * @param headers the record's headers, read only when a column maps one
 */
public record SourceRecord(
    PartitionKey partition,
    long offset,
    long timestampMillis,
    EventBytes value,
    byte[] key,
    Headers headers) {

  /** A record without key and headers. */
  public SourceRecord(PartitionKey partition, long offset, long timestampMillis, byte[] value) {
    this(partition, offset, timestampMillis, EventBytes.of(value), null, Headers.NONE);
  }

  public SourceRecord(
      PartitionKey partition,
      long offset,
      long timestampMillis,
      byte[] value,
      byte[] key,
      Headers headers) {
    this(partition, offset, timestampMillis, EventBytes.of(value), key, headers);
  }

  /** The record's headers, looked up by name. */
  @FunctionalInterface
  public interface Headers {

    Headers NONE = name -> null;

    /** The value of the last header with this name, or {@code null} when there is none. */
    byte[] lastValue(String name);
  }

  public int sizeBytes() {
    return value == null ? 0 : value.length();
  }

  /** The id an event gets when it carries none: stable across replays of the same record. */
  public String positionId() {
    return partition.topic() + "-" + partition.partition() + "-" + offset;
  }
}
