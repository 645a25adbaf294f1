package io.batchline.consumer.it;

import java.time.Duration;

/**
 * What a fault test proves, in numbers.
 *
 * @param rowsBeforeFinal {@code count()} without {@code FINAL}; merges may already have collapsed
 *     some replays
 * @param rowsWritten rows all finished INSERTs wrote, replays included
 * @param drain how long the pipeline took, after the fault, to get every id into ClickHouse
 */
record FaultFigures(
    long produced, long present, long rowsBeforeFinal, long rowsWritten, Duration drain) {

  /** Rows written more than once: replays that a billing query must collapse. */
  long duplicatesWritten() {
    return rowsWritten - present;
  }

  @Override
  public String toString() {
    return String.format(
        "produced=%d present=%d rows_before_final=%d rows_written=%d duplicates_written=%d"
            + " drain=%.1fs",
        produced,
        present,
        rowsBeforeFinal,
        rowsWritten,
        duplicatesWritten(),
        drain.toMillis() / 1000.0);
  }

  void print(String test) {
    System.out.println("[fault-figures] " + test + " " + this);
  }
}
