package io.batchline.consumer.batch;

import java.util.Set;

/**
 * The one place that decides whether a failed write is retried as a whole or bisected to find the
 * rows ClickHouse rejects.
 *
 * <p>Only errors that a single bad row can cause are {@link Failure#REJECTED_ROWS}. Everything
 * else, including unknown codes, missing tables, bad credentials and network faults, is {@link
 * Failure#TRANSIENT}: the batch is kept and retried with backoff, because dead-lettering good rows
 * for an outage or a misconfiguration would lose them from billing.
 */
public final class RetryClassifier {

  public enum Failure {
    TRANSIENT,
    REJECTED_ROWS
  }

  /**
   * Codes a malformed value causes: CANNOT_PARSE_TEXT (6), CANNOT_PARSE_QUOTED_STRING (26),
   * CANNOT_PARSE_INPUT_ASSERTION_FAILED (27), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41),
   * TYPE_MISMATCH (53), ARGUMENT_OUT_OF_BOUND (69), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER
   * (72), INCORRECT_DATA (117), TOO_LARGE_STRING_SIZE (131), VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
   * (321), CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN (349), VIOLATED_CONSTRAINT (469).
   */
  private static final Set<Integer> ROW_ERROR_CODES =
      Set.of(6, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131, 321, 349, 469);

  /**
   * Codes that are retried, listed for the reader; unknown codes are retried too. TIMEOUT_EXCEEDED
   * (159), TOO_MANY_SIMULTANEOUS_QUERIES (202), NO_FREE_CONNECTION (203), SOCKET_TIMEOUT (209),
   * NETWORK_ERROR (210), MEMORY_LIMIT_EXCEEDED (241), TABLE_IS_READ_ONLY (242), TOO_MANY_PARTS
   * (252), UNKNOWN_STATUS_OF_INSERT (319), SYSTEM_ERROR (425), KEEPER_EXCEPTION (999).
   */
  static final Set<Integer> TRANSIENT_CODES =
      Set.of(159, 202, 203, 209, 210, 241, 242, 252, 319, 425, 999);

  public Failure classify(SinkException failure) {
    return failure.serverCode().isPresent()
            && ROW_ERROR_CODES.contains(failure.serverCode().getAsInt())
        ? Failure.REJECTED_ROWS
        : Failure.TRANSIENT;
  }
}
