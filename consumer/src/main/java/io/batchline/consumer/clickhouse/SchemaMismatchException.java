package io.batchline.consumer.clickhouse;

/** The target table is missing, or lacks a column the consumer writes. Not retried. */
public class SchemaMismatchException extends RuntimeException {

  public SchemaMismatchException(String message) {
    super(message);
  }
}
