package io.batchline.consumer.batch;

/**
 * A record that cannot become a row, with the reason and a human-readable detail.
 *
 * @param eventId the event's own id where one could be read, else {@code null}
 * @param eventName the event's name where one could be read, else {@code null}
 */
public record Rejection(
    SourceRecord record, RejectReason reason, String detail, String eventId, String eventName) {

  public static Rejection of(SourceRecord record, RejectReason reason, String detail) {
    return new Rejection(record, reason, detail, null, null);
  }
}
