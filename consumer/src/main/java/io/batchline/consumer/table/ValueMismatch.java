package io.batchline.consumer.table;

/**
 * A value that does not fit its column. Thrown by writers and caught by the row encoder, which
 * turns it into a rejection naming the column; it carries no stack trace, so bad events stay cheap.
 */
public final class ValueMismatch extends Exception {

  public ValueMismatch(String message) {
    super(message, null, false, false);
  }

  static ValueMismatch of(FieldValue value, String type) {
    return new ValueMismatch(value.preview() + " is not a valid " + type);
  }
}
