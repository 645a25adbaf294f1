package io.batchline.consumer.batch;

/**
 * The most records and bytes the consumer holds at once, across all partitions: waiting, in open
 * batches, being encoded and being written. When it is used up, the poll loop pauses every
 * partition, so memory stays flat however large the backlog.
 */
public record InFlightBudget(int maxRecords, long maxBytes) {

  public InFlightBudget {
    if (maxRecords < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "an in-flight budget must be positive, got " + maxRecords + " records, " + maxBytes);
    }
  }

  /** Room for two full batches per concurrent insert, and the open batches filling meanwhile. */
  public static InFlightBudget forBatches(int batchSize, long batchMaxBytes, int concurrency) {
    long records = (long) batchSize * 2 * (concurrency + 1);
    long bytes = batchMaxBytes * 2;
    return new InFlightBudget((int) Math.min(Integer.MAX_VALUE, records), bytes);
  }

  public boolean isUsedUp(long records, long bytes) {
    return records >= maxRecords || bytes >= maxBytes;
  }
}
