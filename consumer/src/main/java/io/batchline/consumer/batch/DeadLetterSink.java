package io.batchline.consumer.batch;

import java.util.List;

/** Sends rejected records to the dead-letter topic. Returning normally means the broker acked. */
public interface DeadLetterSink {

  void send(List<Rejection> rejections) throws SinkException;
}
