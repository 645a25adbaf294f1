package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendPacerTest {

  private static final int RATE = 43_539;
  private static final long SEND_NANOS = 5_000;

  @Test
  void sleepsAboutOncePerMillisecondAndNeverRunsAMillisecondAhead() {
    long now = 0;
    SendPacer pacer = new SendPacer(now, RATE);
    int sleeps = 0;
    long mostAhead = 0;
    for (long i = 0; i < RATE; i++) {
      long wait = pacer.sleepBefore(i, now);
      if (wait > 0) {
        sleeps++;
        now += wait;
      }
      long due = i * 1_000_000_000L / RATE;
      mostAhead = Math.max(mostAhead, due - now);
      now += SEND_NANOS;
    }
    assertThat(sleeps).isBetween(500, 1_001);
    assertThat(mostAhead).isLessThan(SendPacer.MIN_SLEEP_NANOS);
    assertThat(now).isBetween(999_000_000L, 1_001_000_000L);
  }

  @Test
  void aProducerBehindItsScheduleDoesNotSleep() {
    SendPacer pacer = new SendPacer(0, 1_000);
    assertThat(pacer.sleepBefore(10, 50_000_000L)).isZero();
    assertThat(pacer.sleepBefore(60, 50_000_000L)).isEqualTo(10_000_000L);
  }

  @Test
  void noRateMeansNoSleeping() {
    assertThat(new SendPacer(0, 0).sleepBefore(1_000_000, 0)).isZero();
  }
}
