package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

  private final FakeSinks server = new FakeSinks();
  private final MutableClock clock = new MutableClock();

  private WriteOutcome write(List<SourceRecord> records, Duration bisectLimit) {
    return writer(bisectLimit).write(encoded(records));
  }

  private BatchWriter writer(Duration bisectLimit) {
    return new BatchWriter(
        new WriterPorts(server, server, new RetryClassifier(), clock, Runnable::run),
        bisectLimit,
        1 << 20,
        new PipelineLog(BatchWriterTest.class, "test"),
        new BatchObserver() {});
  }

  private InFlightBatch encoded(List<SourceRecord> records) {
    PendingBatch pending =
        new PendingBatch(
            P0,
            records,
            new OffsetRange(records.get(0).offset(), records.get(records.size() - 1).offset()),
            FlushTrigger.SIZE,
            clock.instant(),
            0);
    InFlightBatch batch = new InFlightBatch(pending);
    batch.encoded = BatchEncoder.encode(pending, server.encoder(), 1 << 20, new BodySizeEstimate());
    batch.intent = new Intent(pending.range(), pending.ingestedAt(), "t");
    return batch;
  }

  @Test
  void rowsTheServerRejectsAreIsolatedAndDeadLetteredAndTheRestIsWritten() {
    server.rejectedByServer = row -> row.equals("e0-3") || row.equals("e0-12");

    WriteOutcome outcome = write(Records.events(P0, 0, 16), Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(((WriteOutcome.Written) outcome).rows()).isEqualTo(14);
    assertThat(server.keptRows()).hasSize(14).doesNotContain("e0-3", "e0-12");
    assertThat(server.deadLetters)
        .extracting(r -> r.record().offset() + " " + r.reason().label())
        .containsExactly("3 rejected_by_clickhouse", "12 rejected_by_clickhouse");
    assertThat(server.deadLetters.get(0).detail()).contains("Type mismatch");
  }

  @Test
  void bisectionStopsAtItsTimeLimitAndDeadLettersWhatItDidNotIsolate() {
    server.rejectedByServer = row -> true;
    clockAdvancesOnEveryInsert(Duration.ofSeconds(1));

    WriteOutcome outcome = write(Records.events(P0, 0, 64), Duration.ofSeconds(3));

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.deadLetters).hasSize(64);
    assertThat(server.attempts.size()).isLessThan(20);
    assertThat(server.deadLetters.get(63).detail()).contains("bisection stopped after 3 s");
  }

  @Test
  void aBatchOverTooManyPartitionsIsSplitByPartitionKey() {
    server.maxPartitionsPerInsert = 3;
    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(Records.value(P0, i, "e" + i + "@" + (i % 8)));
    }

    WriteOutcome outcome = write(records, Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.keptRows()).hasSize(40).doesNotHaveDuplicates();
    assertThat(server.deadLetters).isEmpty();
    assertThat(server.inserts())
        .allSatisfy(
            a ->
                assertThat(a.rows().stream().map(r -> r.substring(r.indexOf('@'))).distinct())
                    .hasSizeLessThanOrEqualTo(3));
  }

  @Test
  void aChangedSchemaIsReadAgainAndTheBatchEncodedForItUnderTheSameToken() {
    server.schemaChange = new TestRowEncoder("v2:");

    WriteOutcome outcome = write(Records.events(P0, 0, 5), Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.inserts()).hasSize(1);
    assertThat(server.inserts().get(0).rows()).allMatch(r -> r.startsWith("v2:"));
    assertThat(server.inserts().get(0).token()).isEqualTo("t");
  }

  @Test
  void aBatchEncodedBeforeAnotherWriterReadTheNewSchemaIsEncodedAgain() {
    List<SourceRecord> records = Records.events(P0, 0, 5);
    InFlightBatch batch = encoded(records);
    server.encoder = new TestRowEncoder("v2:");
    server.expectedPrefix = "v2:";

    WriteOutcome outcome = writer(Duration.ofSeconds(60)).write(batch);

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.keptRows()).hasSize(5).allMatch(r -> r.startsWith("v2:"));
    assertThat(server.deadLetters).isEmpty();
  }

  @Test
  void rowsTheServerCannotReadWithAnUnchangedSchemaWaitInsteadOfBeingDeadLettered() {
    server.expectedPrefix = "v2:";

    WriteOutcome outcome = write(Records.events(P0, 0, 5), Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Failed.class);
    assertThat(server.deadLetters).isEmpty();
    assertThat(server.attempts).hasSize(1);
  }

  @Test
  void aTransientFailureKeepsTheBatchForARetry() {
    server.failNextInserts = 1;

    WriteOutcome outcome = write(Records.events(P0, 0, 5), Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Failed.class);
    assertThat(server.deadLetters).isEmpty();
  }

  @Test
  void aDeadLetterTopicThatDoesNotAckFailsTheAttempt() {
    server.failNextDeadLetters = 1;
    List<SourceRecord> records = new ArrayList<>(Records.events(P0, 0, 5));
    records.set(2, Records.value(P0, 2, "!bad"));

    WriteOutcome outcome = write(records, Duration.ofSeconds(60));

    assertThat(outcome).isInstanceOf(WriteOutcome.Failed.class);
    assertThat(server.attempts).isEmpty();
  }

  private void clockAdvancesOnEveryInsert(Duration step) {
    server.onInsert = () -> clock.advance(step);
  }
}
