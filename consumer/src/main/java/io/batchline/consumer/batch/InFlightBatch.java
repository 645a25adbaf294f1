package io.batchline.consumer.batch;

import java.time.Instant;

/**
 * A partition's batch from the moment it is cut until its offsets are committed: its records, once
 * encoded its body, and once recorded its intent. Confined to one thread at a time: the poll
 * thread, or the writer it was handed to until that writer reports back.
 */
public final class InFlightBatch {

  /** Where the batch is in its life. */
  public enum Stage {
    ENCODING,
    ENCODED,
    WRITING,
    RETRY_WAIT,
    WRITTEN
  }

  final PendingBatch pending;
  EncodedBatch encoded;
  Intent intent;
  boolean intentCommitted;
  boolean rejectionsSent;
  Stage stage = Stage.ENCODING;
  int failures;
  Instant failingSince;
  Instant retryAt;

  InFlightBatch(PendingBatch pending) {
    this.pending = pending;
  }

  public PendingBatch pending() {
    return pending;
  }

  public Stage stage() {
    return stage;
  }
}
