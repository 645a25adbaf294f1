package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with ±20% jitter, so that many consumers do not retry in step. */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

  public Duration delay(int attempt) {
    double base = initial.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    double capped = Math.min(base, max.toMillis());
    double jittered = capped * (0.8 + 0.4 * random.getAsDouble());
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }
}
