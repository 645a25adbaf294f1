package io.batchline.consumer.batch;

import java.time.Instant;

/**
 * A record that became a row of the target table.
 *
 * @param origin the Kafka record the row came from
 * @param eventTimeMillis the event's own time (else the Kafka record's), for the latency metric
 * @param row the row, encoded by the table's {@link io.batchline.consumer.table.RowEncoder}
 */
public record Event(SourceRecord origin, long eventTimeMillis, byte[] row) {

  public PartitionKey partition() {
    return origin.partition();
  }

  public long offset() {
    return origin.offset();
  }

  public int sizeBytes() {
    return origin.sizeBytes();
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(eventTimeMillis);
  }
}
