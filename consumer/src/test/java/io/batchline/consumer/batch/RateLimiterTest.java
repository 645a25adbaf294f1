package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void allowsOneSecondBurstThenRefillsAtTheRate() {
    RateLimiter limiter = new RateLimiter(4, clock);
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.tryAcquire()).isTrue();
    }
    assertThat(limiter.tryAcquire()).isFalse();
    assertThat(limiter.untilNextPermit()).isEqualTo(Duration.ofMillis(250));

    clock.advance(Duration.ofMillis(250));
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void zeroMeansUnlimited() {
    RateLimiter limiter = RateLimiter.unlimited(clock);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.tryAcquire()).isTrue();
    }
    assertThat(limiter.untilNextPermit()).isZero();
  }
}
