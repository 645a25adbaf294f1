package io.batchline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  private final EventGenerator generator = new EventGenerator("run", 50, 1_764_201_600_000L);

  @Test
  void eventsAreDeterministicAndIdsUnique() {
    assertThat(generator.json(42))
        .isEqualTo(new EventGenerator("run", 50, 1_764_201_600_000L).json(42));
    Set<String> ids = new HashSet<>();
    LongStream.range(0, 10_000).forEach(n -> ids.add(generator.id(n)));
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void customersCycleAndQuantitiesStayInRange() {
    assertThat(generator.customer(0)).isEqualTo("cust-0000");
    assertThat(generator.customer(50)).isEqualTo("cust-0000");
    assertThat(LongStream.range(0, 1000).map(generator::quantity)).allMatch(q -> q >= 1 && q <= 10);
    assertThat(generator.json(7)).contains("\"quantity\":" + generator.quantity(7));
  }

  @Test
  void customerNamesAreZeroPaddedToFourDigitsAsBefore() {
    EventGenerator many = new EventGenerator("run", 20_000, 0);
    for (long n = 0; n < 20_000; n++) {
      assertThat(many.customer(n)).isEqualTo(String.format(java.util.Locale.ROOT, "cust-%04d", n));
    }
  }

  @Test
  void paddingReachesTheTargetSizeAndKeepsTheEvent() {
    EventGenerator padded = generator.paddedTo(300);
    for (long n : new long[] {0, 7, 99_999, 1_234_567}) {
      String json = padded.json(n);
      assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(300);
      assertThat(json)
          .startsWith(generator.json(n).substring(0, generator.json(n).length() - 2))
          .endsWith("\"}}");
    }
    assertThat(generator.paddedTo(10).json(3)).isEqualTo(generator.json(3));
  }

  @Test
  void liveTimestampsUseTheClockAndCopyItIntoProperties() {
    String json = generator.withLiveTimestamps(() -> 1_800_000_000_123L).json(5);
    assertThat(json)
        .contains("\"timestamp\":1800000000123,")
        .contains("\"sent_ms\":1800000000123")
        .contains("\"id\":\"run-5\"");
  }
}
