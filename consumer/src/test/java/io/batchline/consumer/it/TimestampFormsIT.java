package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventProducer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Timestamps as users send them, on the real consumer and ClickHouse 18.16: RFC 3339 with {@code T}
 * or a space, with or without an offset (UTC assumed), and epoch seconds, milliseconds and
 * microseconds told apart by magnitude, fractional ones included. Epoch seconds used to be read as
 * milliseconds and stored in January 1970.
 */
class TimestampFormsIT {

  /** 2025-12-01T00:00:00Z, and 12:34:56 later that day. */
  private static final long MIDNIGHT = 1_764_547_200L;

  private static final long LATER = MIDNIGHT + 12 * 3600 + 34 * 60 + 56;

  @Test
  void everyTimestampFormLandsOnTheSameSecond() {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("epoch-seconds", "1764547200");
    forms.put("epoch-seconds-fractional", "1764547200.75");
    forms.put("epoch-millis", "1764547200000");
    forms.put("epoch-micros", "1764547200000000");
    forms.put("rfc3339-utc", "\"2025-12-01T00:00:00Z\"");
    forms.put("rfc3339-offset", "\"2025-12-01T02:00:00+02:00\"");
    forms.put("rfc3339-space-no-offset", "\"2025-12-01 00:00:00\"");
    forms.put("rfc3339-fraction-no-offset", "\"2025-12-01T12:34:56.789\"");
    PipelineFixture pipeline = new PipelineFixture("tsforms", 1);
    try (EventProducer producer = new EventProducer(pipeline.stack.kafkaBootstrap())) {
      forms.forEach(
          (id, timestamp) ->
              producer.send(
                  pipeline.topic,
                  "c",
                  "{\"id\":\""
                      + id
                      + "\",\"event_name\":\"a\",\"external_customer_id\":\"c\",\"timestamp\":"
                      + timestamp
                      + "}"));
      producer.flush();
    }

    try (ConsumerProcess consumer = pipeline.consumer(pipeline.environment(100, 1), "consumer")) {
      pipeline.await(
          "every form written",
          Duration.ofSeconds(90),
          () -> pipeline.distinctIds() >= forms.size(),
          forms.size(),
          consumer);
    }

    Map<String, Long> stored = new LinkedHashMap<>();
    for (String line :
        pipeline.lines("SELECT id, toUnixTimestamp(timestamp) FROM " + pipeline.qualifiedTable())) {
      String[] idSeconds = line.split("\t");
      stored.put(idSeconds[0], Long.parseLong(idSeconds[1]));
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    forms.keySet().forEach(id -> expected.put(id, MIDNIGHT));
    expected.put("rfc3339-fraction-no-offset", LATER);
    assertThat(stored).containsExactlyInAnyOrderEntriesOf(expected);
  }
}
