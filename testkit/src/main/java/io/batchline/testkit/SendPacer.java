package io.batchline.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Keeps a producer at a steady rate without sleeping per event. Sleeping for the 20-odd
 * microseconds between two events at tens of thousands per second costs more CPU than generating
 * and sending them, and in a latency run that CPU comes from the cores the pipeline under test
 * shares. So events due within the next millisecond go out at once, and the producer sleeps only
 * when it is a whole millisecond or more ahead of its schedule.
 */
final class SendPacer {

  static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final long startedNanos;
  private final int ratePerSecond;

  /**
   * @param ratePerSecond events per second; 0 or less means as fast as possible
   */
  SendPacer(long startedNanos, int ratePerSecond) {
    this.startedNanos = startedNanos;
    this.ratePerSecond = ratePerSecond;
  }

  /** How long to sleep before sending event {@code index} (from 0) at {@code nowNanos}; 0 = now. */
  long sleepBefore(long index, long nowNanos) {
    if (ratePerSecond <= 0) {
      return 0;
    }
    long due = startedNanos + index * 1_000_000_000L / ratePerSecond;
    long ahead = due - nowNanos;
    return ahead >= MIN_SLEEP_NANOS ? ahead : 0;
  }
}
