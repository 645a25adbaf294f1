package io.batchline.consumer.batch;

import java.util.OptionalInt;

/** A write to ClickHouse or to the dead-letter topic failed. */
public class SinkException extends Exception {

  private final Integer serverCode;

  public SinkException(String message, Integer serverCode, Throwable cause) {
    super(message, cause);
    this.serverCode = serverCode;
  }

  public SinkException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** The ClickHouse error code, when the server answered with one. */
  public OptionalInt serverCode() {
    return serverCode == null ? OptionalInt.empty() : OptionalInt.of(serverCode);
  }
}
