package io.batchline.consumer.batch;

import java.util.Arrays;

/**
 * A record's value: bytes {@code [from, to)} of {@code array}, which may hold more than the value
 * (the rest of the record it was read from). Never written to once the record is built.
 */
public record EventBytes(byte[] array, int from, int to) {

  public EventBytes {
    if (from < 0 || to < from || to > array.length) {
      throw new IllegalArgumentException(
          "bytes [" + from + ", " + to + ") are not within an array of " + array.length);
    }
  }

  /** The whole of {@code value}, or null for a record without a value. */
  public static EventBytes of(byte[] value) {
    return value == null ? null : new EventBytes(value, 0, value.length);
  }

  public int length() {
    return to - from;
  }

  /** The value in an array of its own. */
  public byte[] copy() {
    return Arrays.copyOfRange(array, from, to);
  }
}
