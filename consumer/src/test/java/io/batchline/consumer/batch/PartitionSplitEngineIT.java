package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ChdbEngine;
import io.batchline.testkit.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One batch whose events span 150 months, into the modern events table partitioned by month: the
 * ClickHouse 26.9 engine of chdb refuses it whole (code 252, "Too many partitions for single INSERT
 * block"), and the consumer's core splits it by the table's partition key into inserts the engine
 * takes, so every event lands and none is dead-lettered. ClickHouse 18.16 has no such limit, so
 * this is checked on the engine only; the HTTP path is not covered here.
 */
class PartitionSplitEngineIT {

  private static final int MONTHS = 150;
  private static final PartitionKey P0 = new PartitionKey("events", 0);

  @Test
  void aBatchOverTheEnginesPartitionLimitIsSplitByPartitionKeyAndAllOfItLands() throws Exception {
    try (ChdbEngine engine = ChdbEngine.start()) {
      engine.execute(
          Files.readString(
              LocalStack.findRepoRoot().resolve("samples/clickhouse/events-modern.sql")));
      ChdbEventSink sink = ChdbEventSink.forTable(engine, "batchline", "events");
      FakeSinks kafka = new FakeSinks();
      BatcherHarness consumer =
          new BatcherHarness(
                  sink,
                  kafka,
                  new MutableClock(),
                  new FlushPolicy(1000, 1L << 30, Duration.ofSeconds(1)),
                  Records.TOPIC_ID)
              .assign(P0);

      consumer.offer(monthlyEvents());
      consumer.advance(Duration.ofSeconds(1));

      assertThat(sink.refusals())
          .as("the whole batch was refused by the engine first")
          .first()
          .asString()
          .contains("Too many partitions for single INSERT block");
      assertThat(engine.query("SELECT count(), uniqExact(id) FROM batchline.events").strip())
          .isEqualTo(MONTHS + "\t" + MONTHS);
      assertThat(
              engine.query("SELECT uniqExact(toYYYYMM(timestamp)) FROM batchline.events").strip())
          .isEqualTo(Integer.toString(MONTHS));
      assertThat(kafka.deadLetters).isEmpty();
      assertThat(kafka.committed.get(P0)).isEqualTo(CommitPosition.delivered(MONTHS));
    }
  }

  private static List<SourceRecord> monthlyEvents() {
    List<SourceRecord> records = new ArrayList<>();
    LocalDate month = LocalDate.of(2010, 1, 15);
    for (int n = 0; n < MONTHS; n++, month = month.plusMonths(1)) {
      long seconds = month.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      String json =
          "{\"id\":\"backfill-"
              + n
              + "\",\"event_name\":\"api_call\",\"external_customer_id\":\"c\",\"timestamp\":"
              + seconds
              + "}";
      records.add(new SourceRecord(P0, n, 0, json.getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }
}
