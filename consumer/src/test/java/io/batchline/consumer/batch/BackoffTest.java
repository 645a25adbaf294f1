package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheCapWithJitter() {
    Backoff noJitter = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
    assertThat(noJitter.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(noJitter.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(noJitter.delay(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.delay(50)).isEqualTo(Duration.ofSeconds(1));

    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0).delay(1))
        .isEqualTo(Duration.ofMillis(80));
    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0).delay(1))
        .isEqualTo(Duration.ofMillis(120));
  }
}
