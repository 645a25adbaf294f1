package io.batchline.consumer.table;

import io.batchline.consumer.batch.RejectReason;

/** Why an event is not an acceptable JSON document, and the reason it is rejected with. */
final class MalformedJson extends Exception {

  private final RejectReason reason;

  private MalformedJson(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static MalformedJson notJson(String format, Object... args) {
    return new MalformedJson(RejectReason.NOT_JSON, String.format(format, args));
  }

  static MalformedJson invalidUtf8(String format, Object... args) {
    return new MalformedJson(RejectReason.INVALID_UTF8, String.format(format, args));
  }

  RejectReason reason() {
    return reason;
  }
}
