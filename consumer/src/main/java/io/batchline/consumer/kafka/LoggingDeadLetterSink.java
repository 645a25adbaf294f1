package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.DeadLetterSink;
import io.batchline.consumer.batch.Rejection;
import java.lang.System.Logger.Level;
import java.util.List;

/** Used when no dead-letter topic is configured: each bad event is logged, then skipped. */
public final class LoggingDeadLetterSink implements DeadLetterSink {

  private static final System.Logger LOG = System.getLogger(LoggingDeadLetterSink.class.getName());

  @Override
  public void send(List<Rejection> rejections) {
    for (Rejection rejection : rejections) {
      LOG.log(
          Level.ERROR,
          () ->
              "skipping bad event, no dlq-topic configured reason="
                  + rejection.reason().label()
                  + " source="
                  + rejection.record().positionId()
                  + " error=\""
                  + rejection.detail()
                  + "\"");
    }
  }
}
