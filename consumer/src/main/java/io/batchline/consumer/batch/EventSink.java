package io.batchline.consumer.batch;

import java.util.List;

/**
 * Writes rows to ClickHouse. Returning normally means the server acknowledged every row. Where the
 * server supports it, the insert carries {@link DeduplicationToken#of} the events.
 */
public interface EventSink {

  void write(List<Event> events) throws SinkException;
}
