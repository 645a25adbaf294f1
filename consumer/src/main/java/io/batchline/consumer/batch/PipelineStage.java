package io.batchline.consumer.batch;

import java.util.Locale;

/**
 * The stages an event goes through, timed so that the busiest one shows: polling Kafka (the poll
 * thread), decoding and encoding a batch, inserting it and dead-lettering its rejects (the writer
 * threads), and committing offsets (the poll thread).
 */
public enum PipelineStage {
  POLL,
  ENCODE,
  INSERT,
  DEAD_LETTER,
  COMMIT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
