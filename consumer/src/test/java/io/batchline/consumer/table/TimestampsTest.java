package io.batchline.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private static Instant parse(String json) {
    TimePoint time = new TimePoint();
    assertThat(Timestamps.parse(Values.json(json), time)).as(json).isTrue();
    return time.toInstant();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "1764547200 | 2025-12-01T00:00:00Z",
        "\"1764547200\" | 2025-12-01T00:00:00Z",
        "1764547200.123 | 2025-12-01T00:00:00.123Z",
        "1764547200123 | 2025-12-01T00:00:00.123Z",
        "1764547200123.5 | 2025-12-01T00:00:00.1235Z",
        "1764547200123456 | 2025-12-01T00:00:00.123456Z",
        "1764547200123456789 | 2025-12-01T00:00:00.123456789Z",
        "1.7645472E9 | 2025-12-01T00:00:00Z",
        "-1.5 | 1969-12-31T23:59:58.500Z",
        "0 | 1970-01-01T00:00:00Z",
        "99999999999 | 5138-11-16T09:46:39Z",
        "100000000000 | 1973-03-03T09:46:40Z",
        "99999999999999 | 5138-11-16T09:46:39.999Z",
        "100000000000000 | 1973-03-03T09:46:40Z",
        "\"2025-12-01T10:00:00Z\" | 2025-12-01T10:00:00Z",
        "\"2025-12-01t10:00:00z\" | 2025-12-01T10:00:00Z",
        "\"2025-12-01 10:00:00\" | 2025-12-01T10:00:00Z",
        "\"2025-12-01T10:00\" | 2025-12-01T10:00:00Z",
        "\"2025-12-01T10:00:00.5+01:00\" | 2025-12-01T09:00:00.500Z",
        "\"2025-12-01T10:00:00-0230\" | 2025-12-01T12:30:00Z",
        "\"2025-12-01T10:00:00+01\" | 2025-12-01T09:00:00Z",
        "\"2025-12-01T10:00:00.123456789123Z\" | 2025-12-01T10:00:00.123456789Z",
        "\"2025-12-01\" | 2025-12-01T00:00:00Z",
        "\"2024-02-29\" | 2024-02-29T00:00:00Z",
        "\"1900-01-01T00:00:00Z\" | 1900-01-01T00:00:00Z",
      })
  void readsEveryForm(String json, String expected) {
    assertThat(parse(json)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"yesterday\"",
        "\"2025-13-01\"",
        "\"2025-02-29\"",
        "\"2025-12-01T10\"",
        "\"2025-12-01T10:00:00+25:00\"",
        "\"2025-12-01T10:00:00Zjunk\"",
        "\"2025-12-01T10:00:\"",
        "\"12abc\"",
        "true",
        "[1]",
        "{}",
        "12345678901234567890"
      })
  void refusesWhatIsNotATimestamp(String json) {
    assertThat(Timestamps.parse(Values.json(json), new TimePoint())).as(json).isFalse();
  }
}
