package io.batchline.consumer.batch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What one flush writes: events for ClickHouse and rejections for the dead-letter topic. */
public record Batch(List<Event> events, List<Rejection> rejections) {

  public boolean isEmpty() {
    return events.isEmpty() && rejections.isEmpty();
  }

  public Batch withEvents(List<Event> subset) {
    return new Batch(subset, List.of());
  }

  /**
   * A deterministic insert deduplication token: the offset range of each partition, sorted. A batch
   * replayed from the same offsets gets the same token, so a server that supports {@code
   * insert_deduplication_token} drops the replay.
   */
  public String deduplicationToken() {
    Map<PartitionKey, long[]> ranges = new TreeMap<>();
    for (Event event : events) {
      long[] range =
          ranges.computeIfAbsent(event.partition(), p -> new long[] {Long.MAX_VALUE, -1});
      range[0] = Math.min(range[0], event.offset());
      range[1] = Math.max(range[1], event.offset());
    }
    return ranges.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue()[0] + "-" + e.getValue()[1])
        .collect(Collectors.joining(","));
  }
}
