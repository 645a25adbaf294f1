package io.batchline.consumer.batch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A deterministic {@code insert_deduplication_token}: the offset range of each partition in a
 * batch, sorted, for example {@code events-0:100-299,events-1:7-9}. A batch replayed from the same
 * offsets gets the same token, so a server that supports tokens (22.2 and newer) drops the replay.
 */
public final class DeduplicationToken {

  private DeduplicationToken() {}

  public static String of(List<Event> events) {
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
