package io.batchline.consumer.table.legacy;

import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import java.time.Instant;

/**
 * A decoded, valid usage event, ready to be written as one row.
 *
 * @param properties the event's {@code properties} object as a JSON string ({@code "{}"} when
 *     absent)
 * @param origin the Kafka record the event came from
 */
public record LegacyEvent(
    String id,
    String tenantId,
    String environmentId,
    String externalCustomerId,
    String customerId,
    String eventName,
    String source,
    Instant timestamp,
    String properties,
    SourceRecord origin) {

  public PartitionKey partition() {
    return origin.partition();
  }

  public long offset() {
    return origin.offset();
  }

  public int sizeBytes() {
    return origin.sizeBytes();
  }
}
