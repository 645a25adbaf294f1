package io.batchline.consumer.batch;

/**
 * Why a batch was cut. Used as the {@code trigger} label of the flush metric. {@code REPLAY} is the
 * first batch after a reassignment, cut to the range the earlier owner recorded.
 */
public enum FlushTrigger {
  SIZE,
  BYTES,
  TIME,
  REBALANCE,
  SHUTDOWN,
  RETRY,
  REPLAY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
