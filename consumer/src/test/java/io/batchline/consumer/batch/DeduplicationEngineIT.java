package io.batchline.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ChdbEngine;
import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once on a modern engine, materialized views included: the consumer's own encoded bytes
 * and tokens for an original and a replayed sequence go into the ClickHouse 26.9 engine of chdb
 * ({@code samples/clickhouse/events-modern.sql}, its table and usage view). This is an engine
 * check: chdb has no HTTP server, so the consumer's HTTP path is tested on 18.16 only.
 */
class DeduplicationEngineIT {

  private static final int EVENTS = 2_000;
  private static final FlushPolicy POLICY = new FlushPolicy(250, 1L << 30, Duration.ofSeconds(5));
  private static final PartitionKey P0 = new PartitionKey("events", 0);
  private static final PartitionKey P1 = new PartitionKey("events", 1);

  private ChdbEngine engine;
  private final FakeSinks kafka = new FakeSinks();
  private final EventGenerator generator = new EventGenerator("dedup", 20, 1_764_547_200_000L);
  private ChdbEventSink sink;

  @BeforeEach
  void createTables() throws Exception {
    engine = ChdbEngine.start();
    LocalStackSql sql = new LocalStackSql();
    engine.execute(sql.read("samples/clickhouse/events-modern.sql"));
    // A ReplacingMergeTree merge would hide duplicates from count(); only the inserts may count.
    engine.query("SYSTEM STOP MERGES batchline.events");
    sink = ChdbEventSink.forTable(engine, "batchline", "events");
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private BatcherHarness owner(UUID topicId, FlushPolicy policy, Duration clockOffset) {
    MutableClock clock = new MutableClock();
    clock.advance(clockOffset);
    return new BatcherHarness(sink, kafka, clock, policy, topicId);
  }

  private List<SourceRecord> records(PartitionKey partition, long from, long count) {
    List<SourceRecord> records = new ArrayList<>();
    for (long n = from; n < from + count; n++) {
      long offset = n / 2;
      if ((n % 2 == 0) == (partition.partition() == 0)) {
        records.add(
            new SourceRecord(
                partition, offset, 0, generator.json(n).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return records;
  }

  /**
   * An owner that writes part of the events, then is interrupted after inserts whose end it could
   * not commit; the next owner (an hour later, another batch size) resumes from what Kafka kept,
   * or, with {@code forgetIntents}, from the offsets alone, as a consumer without intents would.
   */
  private void originalAndReplay(UUID topicId, boolean forgetIntents) {
    BatcherHarness first = owner(topicId, POLICY, Duration.ZERO).assign(P0, P1);
    first.offer(records(P0, 0, 600));
    first.offer(records(P1, 0, 600));
    kafka.failCommitsAfterInserts = true;
    first.offer(records(P0, 600, 600));
    first.offer(records(P1, 600, 600));
    kafka.failCommitsAfterInserts = false;
    if (forgetIntents) {
      kafka.committed.replaceAll((p, position) -> CommitPosition.delivered(position.offset()));
    }

    BatcherHarness next =
        owner(topicId, new FlushPolicy(400, 1L << 30, Duration.ofSeconds(5)), Duration.ofHours(1));
    next.resume(P0, kafka).resume(P1, kafka);
    for (PartitionKey p : List.of(P0, P1)) {
      long from = kafka.committed.get(p).offset();
      next.offer(records(p, 0, EVENTS).stream().filter(r -> r.offset() >= from).toList());
    }
    next.advance(Duration.ofSeconds(5));
  }

  @Test
  void aReplayAfterACrashIsDroppedByTheTableAndItsMaterializedView() {
    originalAndReplay(Records.TOPIC_ID, false);

    assertThat(engine.query("SELECT count(), uniqExact(id) FROM batchline.events").strip())
        .isEqualTo(EVENTS + "\t" + EVENTS);
    assertThat(engine.query("SELECT sum(events), sum(quantity) FROM batchline.usage_daily").strip())
        .isEqualTo(EVENTS + "\t" + expectedQuantity(0, EVENTS));
    assertThat(
            engine
                .query(
                    "SELECT count() FROM system.parts WHERE database = 'batchline'"
                        + " AND table = 'events' AND active")
                .strip())
        .isNotEqualTo("0");
  }

  @Test
  void withoutTheRecordedIntentsTheReplayIsCutOtherwiseAndCountedTwice() {
    originalAndReplay(Records.TOPIC_ID, true);

    long rows = Long.parseLong(engine.query("SELECT count() FROM batchline.events").strip());
    long summed =
        Long.parseLong(engine.query("SELECT sum(events) FROM batchline.usage_daily").strip());
    assertThat(rows).isGreaterThan(EVENTS);
    assertThat(summed).isGreaterThan(EVENTS);
  }

  @Test
  void aRecreatedTopicsNewRowsAllLand() {
    originalAndReplay(Records.TOPIC_ID, false);
    EventGenerator recreated = new EventGenerator("recreated", 20, 1_764_547_200_000L);
    BatcherHarness owner = owner(UUID.randomUUID(), POLICY, Duration.ZERO).assign(P0);
    List<SourceRecord> sameOffsets = new ArrayList<>();
    for (long n = 0; n < 500; n++) {
      sameOffsets.add(
          new SourceRecord(P0, n, 0, recreated.json(n).getBytes(StandardCharsets.UTF_8)));
    }
    kafka.committed.clear();

    owner.offer(sameOffsets);
    owner.advance(Duration.ofSeconds(5));

    assertThat(
            engine
                .query("SELECT count() FROM batchline.events WHERE id LIKE 'recreated-%'")
                .strip())
        .isEqualTo("500");
  }

  private String expectedQuantity(long from, long to) {
    long sum = LongStream.range(from, to).map(generator::quantity).sum();
    return Long.toString(sum);
  }

  /** Reads the repository's sample SQL. */
  private static final class LocalStackSql {
    String read(String path) throws Exception {
      return Files.readString(LocalStack.findRepoRoot().resolve(path));
    }
  }
}
