package io.batchline.consumer.batch;

import java.util.Set;

/**
 * The one place that decides what a failed insert means.
 *
 * <ul>
 *   <li>{@link Failure#REJECTED_ROWS}: an error a single bad row can cause. The batch is bisected;
 *       the rows the server rejects go to the dead-letter topic, the rest is written.
 *   <li>{@link Failure#SCHEMA_CHANGED}: the server read our rows with other columns or types than
 *       we encoded them for. The table's schema is read again and the batch encoded anew.
 *   <li>{@link Failure#TOO_MANY_PARTITIONS}: the batch spans more table partitions than one INSERT
 *       may. It is split by partition key.
 *   <li>{@link Failure#TRANSIENT}: everything else, including unknown codes, missing tables, bad
 *       credentials and network faults. The batch is kept and retried with backoff while the
 *       pipeline visibly waits, because dead-lettering good rows for an outage or a
 *       misconfiguration would take them out of billing.
 * </ul>
 */
public final class RetryClassifier {

  public enum Failure {
    TRANSIENT,
    REJECTED_ROWS,
    SCHEMA_CHANGED,
    TOO_MANY_PARTITIONS
  }

  /**
   * Codes a malformed value causes: CANNOT_PARSE_TEXT (6), CANNOT_PARSE_QUOTED_STRING (26),
   * CANNOT_PARSE_INPUT_ASSERTION_FAILED (27), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41),
   * TYPE_MISMATCH (53), ARGUMENT_OUT_OF_BOUND (69), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER
   * (72), INCORRECT_DATA (117), TOO_LARGE_STRING_SIZE (131), VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
   * (321), CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN (349), FUNCTION_THROW_IF_VALUE_IS_NON_ZERO (395: a
   * table's own check, such as a MATERIALIZED column with {@code throwIf}), VIOLATED_CONSTRAINT
   * (469).
   */
  private static final Set<Integer> ROW_ERROR_CODES =
      Set.of(6, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131, 321, 349, 395, 469);

  /**
   * Codes a table whose columns changed under us causes: THERE_IS_NO_COLUMN (8),
   * NOT_FOUND_COLUMN_IN_BLOCK (10), NO_SUCH_COLUMN_IN_TABLE (16), ATTEMPT_TO_READ_AFTER_EOF (32)
   * and CANNOT_READ_ALL_DATA (33) (RowBinary read with other types runs past the end; which of the
   * two depends on where), UNKNOWN_IDENTIFIER (47). When the columns turn out unchanged, the batch
   * is retried like a transient failure.
   */
  private static final Set<Integer> SCHEMA_ERROR_CODES = Set.of(8, 10, 16, 32, 33, 47);

  /** TOO_MANY_PARTS (252) covers both too many parts on disk and too many in one INSERT. */
  private static final int TOO_MANY_PARTS = 252;

  private static final String TOO_MANY_PARTITIONS_MESSAGE = "Too many partitions for single INSERT";

  public Failure classify(SinkException failure) {
    if (failure.serverCode().isEmpty()) {
      return Failure.TRANSIENT;
    }
    int code = failure.serverCode().getAsInt();
    if (ROW_ERROR_CODES.contains(code)) {
      return Failure.REJECTED_ROWS;
    }
    if (SCHEMA_ERROR_CODES.contains(code)) {
      return Failure.SCHEMA_CHANGED;
    }
    if (code == TOO_MANY_PARTS
        && String.valueOf(failure.getMessage()).contains(TOO_MANY_PARTITIONS_MESSAGE)) {
      return Failure.TOO_MANY_PARTITIONS;
    }
    return Failure.TRANSIENT;
  }
}
