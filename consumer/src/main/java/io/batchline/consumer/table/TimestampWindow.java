package io.batchline.consumer.table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The plausible range of an event time, relative to the batch's ingestion time (so that a replay of
 * a batch decides exactly as the first attempt did). Both bounds are off by default.
 *
 * @param maxAge an event time further in the past than this is out of range
 * @param maxFuture an event time further in the future than this is out of range
 */
public record TimestampWindow(Optional<Duration> maxAge, Optional<Duration> maxFuture) {

  public static final TimestampWindow OFF = new TimestampWindow(Optional.empty(), Optional.empty());

  public boolean isOff() {
    return maxAge.isEmpty() && maxFuture.isEmpty();
  }

  /** Null when {@code time} is inside the window, else why it is not. */
  String check(TimePoint time, Instant ingestedAt) {
    if (maxAge.isPresent() && time.compareTo(ingestedAt.minus(maxAge.get())) < 0) {
      return time.toInstant()
          + " is older than event-processing.timestamp-max-age "
          + maxAge.get()
          + " before the ingestion time "
          + ingestedAt;
    }
    if (maxFuture.isPresent() && time.compareTo(ingestedAt.plus(maxFuture.get())) > 0) {
      return time.toInstant()
          + " is further ahead than event-processing.timestamp-max-future "
          + maxFuture.get()
          + " after the ingestion time "
          + ingestedAt;
    }
    return null;
  }

  @Override
  public String toString() {
    return "max_age="
        + maxAge.map(Duration::toString).orElse("off")
        + " max_future="
        + maxFuture.map(Duration::toString).orElse("off");
  }
}
