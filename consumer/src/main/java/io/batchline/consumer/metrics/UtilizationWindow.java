package io.batchline.consumer.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The fraction of the insert slots' wall time spent writing to ClickHouse over the last minute: the
 * autoscaling signal. With {@code slots} concurrent inserts, 1 means every slot wrote all the time;
 * 0 means idle; near 1 means the consumer is write-bound and another replica would help. Kept in
 * one-second buckets so the value does not depend on how often it is scraped.
 */
public final class UtilizationWindow {

  private static final int BUCKETS = 60;
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final long[] busyNanos = new long[BUCKETS];
  private final long[] bucketSecond = new long[BUCKETS];
  private final LongSupplier nanoTime;
  private final long startedAt;
  private final int slots;

  public UtilizationWindow(LongSupplier nanoTime, int slots) {
    this.nanoTime = nanoTime;
    this.startedAt = nanoTime.getAsLong();
    this.slots = Math.max(1, slots);
  }

  /** Records a write that ended now and took {@code took}, split over the seconds it spanned. */
  public synchronized void record(Duration took) {
    long end = nanoTime.getAsLong();
    long start = end - took.toNanos();
    while (start < end) {
      long second = Math.floorDiv(start - startedAt, BUCKET_NANOS);
      long bucketEnd = startedAt + (second + 1) * BUCKET_NANOS;
      long slice = Math.min(end, bucketEnd) - start;
      add(second, slice);
      start += slice;
    }
  }

  private void add(long second, long nanos) {
    int index = (int) Math.floorMod(second, (long) BUCKETS);
    if (bucketSecond[index] != second) {
      bucketSecond[index] = second;
      busyNanos[index] = 0;
    }
    busyNanos[index] += nanos;
  }

  public synchronized double value() {
    long now = nanoTime.getAsLong();
    long currentSecond = Math.floorDiv(now - startedAt, BUCKET_NANOS);
    long windowNanos = Math.min(now - startedAt, BUCKETS * BUCKET_NANOS);
    if (windowNanos <= 0) {
      return 0;
    }
    long busy = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (currentSecond - bucketSecond[i] < BUCKETS) {
        busy += busyNanos[i];
      }
    }
    return Math.min(1.0, (double) busy / ((double) windowNanos * slots));
  }
}
