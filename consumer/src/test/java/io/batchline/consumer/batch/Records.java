package io.batchline.consumer.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

final class Records {

  static final PartitionKey P0 = new PartitionKey("events", 0);
  static final PartitionKey P1 = new PartitionKey("events", 1);
  static final UUID TOPIC_ID = UUID.fromString("3f2c9d4e-0000-4000-8000-00000000a11e");

  private Records() {}

  static SourceRecord json(PartitionKey partition, long offset, String json) {
    return new SourceRecord(
        partition, offset, 1_764_201_600_000L, json.getBytes(StandardCharsets.UTF_8));
  }

  static SourceRecord value(PartitionKey partition, long offset, String value) {
    return new SourceRecord(
        partition, offset, 1_764_201_600_000L, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A record whose row is {@code e<partition>-<offset>}. */
  static SourceRecord event(PartitionKey partition, long offset) {
    return value(partition, offset, "e" + partition.partition() + "-" + offset);
  }

  static List<SourceRecord> events(PartitionKey partition, long from, int count) {
    List<SourceRecord> result = new ArrayList<>();
    for (long offset = from; offset < from + count; offset++) {
      result.add(event(partition, offset));
    }
    return result;
  }

  static AssignedPartition fresh(PartitionKey partition) {
    return new AssignedPartition(
        partition, TOPIC_ID, java.util.OptionalLong.empty(), java.util.Optional.empty());
  }
}
