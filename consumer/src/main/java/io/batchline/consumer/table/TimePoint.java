package io.batchline.consumer.table;

import java.time.Instant;

/**
 * A mutable instant (epoch seconds and nanoseconds), so that parsing a timestamp allocates nothing.
 */
public final class TimePoint {

  long seconds;
  int nanos;

  public long seconds() {
    return seconds;
  }

  public int nanos() {
    return nanos;
  }

  void set(long epochSeconds, int nanoOfSecond) {
    seconds = epochSeconds;
    nanos = nanoOfSecond;
  }

  public long toEpochMilli() {
    return seconds * 1000 + nanos / 1_000_000;
  }

  public Instant toInstant() {
    return Instant.ofEpochSecond(seconds, nanos);
  }

  public int compareTo(Instant other) {
    int bySeconds = Long.compare(seconds, other.getEpochSecond());
    return bySeconds != 0 ? bySeconds : Integer.compare(nanos, other.getNano());
  }
}
