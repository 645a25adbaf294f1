package io.batchline.consumer.batch;

import io.batchline.consumer.table.RowEncoder;

/** The target table: how to encode rows for it, and how to insert them. */
public interface EventSink {

  /** The encoder for the table's columns as last read. */
  RowEncoder encoder();

  /**
   * Reads the table's columns again. When they changed, {@link #encoder()} returns a new encoder
   * made for them; when they did not, it returns the same instance as before.
   *
   * @throws SinkException when the table cannot be read, or no longer fits the events (naming the
   *     column)
   */
  void reloadSchema() throws SinkException;

  /**
   * Inserts rows. Returning normally means the server acknowledged the insert, possibly dropping
   * rows it had seen before under the same token (see {@link InsertResult}).
   */
  InsertResult insert(Insert insert) throws SinkException;
}
