package io.batchline.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UtilizationWindowTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private final UtilizationWindow window = new UtilizationWindow(nanos::get, 1);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void isTheFractionOfRecentWallTimeSpentWriting() {
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofSeconds(1));
      window.record(Duration.ofMillis(250));
    }
    // 10 s elapsed, 2.5 s of it writing.
    assertThat(window.value()).isCloseTo(0.25, within(0.01));
  }

  @Test
  void forgetsWritesOlderThanAMinute() {
    advance(Duration.ofSeconds(2));
    window.record(Duration.ofSeconds(2));
    assertThat(window.value()).isCloseTo(1.0, within(0.01));

    advance(Duration.ofSeconds(90));
    assertThat(window.value()).isZero();
  }

  @Test
  void isSharedOutAmongTheInsertSlots() {
    UtilizationWindow twoSlots = new UtilizationWindow(nanos::get, 2);
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofSeconds(1));
      twoSlots.record(Duration.ofMillis(500));
      twoSlots.record(Duration.ofMillis(500));
    }
    // 10 s of two slots, each busy half the time.
    assertThat(twoSlots.value()).isCloseTo(0.5, within(0.01));
  }
}
