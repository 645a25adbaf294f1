package io.batchline.consumer.batch;

/**
 * How large a batch's RowBinary body will be, learned from the batches encoded before it, so the
 * body is allocated once at about its final size. A fixed guess from the events' own size nearly
 * doubled it for the benchmark's events (a 3.8 MB array for a body of about 2 MB), and a guess too
 * small would copy the body as it grows. Shared by the writer threads.
 */
final class BodySizeEstimate {

  /** Room for one row's own bytes beyond its event's, before anything was measured. */
  static final int FIRST_GUESS_BYTES_PER_ROW = 64;

  private static final int SLACK_BYTES = 4096;

  /** Body bytes per event byte of the last batch encoded, in 1/1024ths; 0 until then. */
  private volatile long bodyPerEventByte;

  /** The capacity to allocate for the body of a batch of these records. */
  int capacityFor(long eventBytes, int records) {
    long ratio = bodyPerEventByte;
    long expected;
    if (ratio == 0) {
      expected = eventBytes + (long) FIRST_GUESS_BYTES_PER_ROW * records;
    } else {
      long likely = eventBytes * ratio / 1024;
      expected = likely + likely / 16 + SLACK_BYTES;
    }
    return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(SLACK_BYTES, expected));
  }

  /** Learns from an encoded batch; batches of too few bytes to say much are left out. */
  void observe(long eventBytes, int bodyBytes) {
    if (eventBytes >= 64 * 1024) {
      bodyPerEventByte = Math.max(1, bodyBytes * 1024L / eventBytes);
    }
  }
}
