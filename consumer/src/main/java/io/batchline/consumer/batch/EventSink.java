package io.batchline.consumer.batch;

import java.util.List;

/** Writes rows to ClickHouse. Returning normally means the server acknowledged every row. */
public interface EventSink {

  void write(List<Event> events, String deduplicationToken) throws SinkException;
}
