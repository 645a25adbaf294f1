package io.batchline.consumer.batch;

/** Why a batch was flushed. Used as the {@code trigger} label of the flush metric. */
public enum FlushTrigger {
  SIZE,
  BYTES,
  TIME,
  REBALANCE,
  SHUTDOWN,
  RETRY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
