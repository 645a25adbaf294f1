package io.batchline.consumer.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class Records {

  static final PartitionKey P0 = new PartitionKey("events", 0);
  static final PartitionKey P1 = new PartitionKey("events", 1);

  private Records() {}

  static SourceRecord json(PartitionKey partition, long offset, String json) {
    return new SourceRecord(
        partition, offset, 1_764_201_600_000L, json.getBytes(StandardCharsets.UTF_8));
  }

  static SourceRecord event(PartitionKey partition, long offset) {
    return json(
        partition,
        offset,
        "{\"id\":\"e-"
            + partition.partition()
            + "-"
            + offset
            + "\",\"event_name\":\"api_call\",\"external_customer_id\":\"c1\","
            + "\"properties\":{\"tokens\":3}}");
  }

  static List<SourceRecord> events(PartitionKey partition, long from, int count) {
    List<SourceRecord> result = new ArrayList<>();
    for (long offset = from; offset < from + count; offset++) {
      result.add(event(partition, offset));
    }
    return result;
  }
}
