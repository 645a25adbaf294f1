package io.batchline.consumer.table;

import io.batchline.consumer.batch.Rejection;

/** What became of one record: a row in the buffer, or a rejection for the dead-letter topic. */
public sealed interface EncodedRow permits EncodedRow.Written, EncodedRow.Rejected {

  /**
   * The row was appended.
   *
   * @param eventTimeMillis the event's own time (its timestamp, else the Kafka record's), for the
   *     end-to-end latency metric
   */
  record Written(long eventTimeMillis) implements EncodedRow {}

  /** Nothing was appended: the record cannot become a row, for the reason given. */
  record Rejected(Rejection rejection) implements EncodedRow {}
}
