package io.batchline.consumer.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code permitsPerSecond} tokens that refills continuously; a burst of up to one
 * second's worth is allowed. A rate of 0 means unlimited.
 */
public final class RateLimiter {

  private final int permitsPerSecond;
  private final Clock clock;
  private double tokens;
  private Instant refilledAt;

  public RateLimiter(int permitsPerSecond, Clock clock) {
    this.permitsPerSecond = permitsPerSecond;
    this.clock = clock;
    this.tokens = permitsPerSecond;
    this.refilledAt = clock.instant();
  }

  public static RateLimiter unlimited(Clock clock) {
    return new RateLimiter(0, clock);
  }

  public boolean tryAcquire() {
    if (permitsPerSecond == 0) {
      return true;
    }
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next permit; zero when one is available. */
  public Duration untilNextPermit() {
    if (permitsPerSecond == 0) {
      return Duration.ZERO;
    }
    refill();
    if (tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) * 1e9 / permitsPerSecond));
  }

  private void refill() {
    Instant now = clock.instant();
    double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
    if (elapsedSeconds > 0) {
      tokens = Math.min(permitsPerSecond, tokens + elapsedSeconds * permitsPerSecond);
      refilledAt = now;
    }
  }
}
