package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static io.batchline.consumer.batch.Records.P1;
import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.consumer.table.RowEncoder;
import io.batchline.consumer.table.TestTables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBatcherTest {

  private static final RowEncoder FLEXPRICE = TestTables.encoder(TestTables.flexprice());

  private final MutableClock clock = new MutableClock();
  private final FakeSinks sinks = new FakeSinks();

  private EventBatcher batcher(int batchSize, long maxBytes, Duration flushInterval) {
    return batcher(batchSize, maxBytes, flushInterval, RateLimiter.unlimited(clock));
  }

  private EventBatcher batcher(
      int batchSize, long maxBytes, Duration flushInterval, RateLimiter rateLimiter) {
    return new EventBatcher(
        new FlushPolicy(batchSize, maxBytes, flushInterval),
        new EventDecoder(() -> FLEXPRICE, clock),
        sinks,
        sinks,
        sinks,
        new RetryClassifier(),
        rateLimiter,
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.5),
        clock,
        new BatchObserver() {});
  }

  private EventBatcher batcher(int batchSize, Duration flushInterval) {
    return batcher(batchSize, Long.MAX_VALUE, flushInterval);
  }

  @Test
  void flushesWhenBatchSizeIsReached() {
    EventBatcher batcher = batcher(200, Duration.ofSeconds(5));

    batcher.offer(Records.events(P0, 0, 450));
    batcher.process();

    assertThat(sinks.inserts).extracting(List::size).containsExactly(200, 200);
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 400L));
  }

  @Test
  void flushesOnTimeWithInjectedClock() {
    EventBatcher batcher = batcher(200, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 10));
    batcher.process();
    assertThat(sinks.inserts).isEmpty();
    assertThat(batcher.timeUntilNextAction()).isEqualTo(Duration.ofSeconds(5));

    clock.advance(Duration.ofMillis(4999));
    batcher.process();
    assertThat(sinks.inserts).isEmpty();

    clock.advance(Duration.ofMillis(1));
    batcher.process();
    assertThat(sinks.inserts).extracting(List::size).containsExactly(10);
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 10L));
  }

  @Test
  void flushesWhenByteBoundIsReached() {
    int eventBytes = Records.event(P0, 0).sizeBytes();
    EventBatcher batcher = batcher(1000, eventBytes * 3L, Duration.ofSeconds(5));

    batcher.offer(Records.events(P0, 0, 7));
    batcher.process();

    assertThat(sinks.inserts).extracting(List::size).containsExactly(3, 3);
  }

  @Test
  void rollbackModeWritesOneInsertPerEvent() {
    EventBatcher batcher = batcher(1, Duration.ZERO);

    batcher.offer(Records.events(P0, 0, 5));
    batcher.process();

    assertThat(sinks.inserts).hasSize(5).allSatisfy(insert -> assertThat(insert).hasSize(1));
    assertThat(sinks.commits).hasSize(5);
  }

  @Test
  void commitsNothingBeforeTheWriteSucceeds() {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 50));
    batcher.offer(Records.events(P1, 0, 30));
    batcher.process();

    assertThat(sinks.commits).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    batcher.process();

    assertThat(sinks.commits).containsExactly(Map.of(P0, 50L, P1, 30L));
  }

  @Test
  void failedWriteKeepsTheBatchCommitsNothingAndPauses() {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    sinks.failNextWrites = 1;

    batcher.offer(Records.events(P0, 0, 150));
    batcher.process();

    assertThat(sinks.inserts).isEmpty();
    assertThat(sinks.commits).isEmpty();
    assertThat(batcher.isFailing()).isTrue();
    assertThat(batcher.shouldPause()).isTrue();
    assertThat(batcher.timeUntilNextAction()).isEqualTo(Duration.ofMillis(100));

    clock.advance(Duration.ofMillis(100));
    batcher.process();

    assertThat(sinks.inserts).extracting(List::size).containsExactly(100);
    assertThat(sinks.inserts.get(0).get(0).offset()).isZero();
    assertThat(batcher.shouldPause()).isFalse();
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 100L));
  }

  @Test
  void backsOffExponentiallyWhileFailing() {
    EventBatcher batcher = batcher(10, Duration.ofSeconds(5));
    sinks.failNextWrites = 3;
    batcher.offer(Records.events(P0, 0, 10));
    batcher.process();
    clock.advance(Duration.ofMillis(100));
    batcher.process();

    assertThat(batcher.timeUntilNextAction()).isEqualTo(Duration.ofMillis(200));
    assertThat(sinks.commits).isEmpty();
  }

  @Test
  void badEventsGoToTheDeadLetterSinkAndOffsetsMovePastThem() {
    EventBatcher batcher = batcher(3, Duration.ofSeconds(5));
    batcher.offer(
        List.of(
            Records.event(P0, 0),
            Records.json(P0, 1, "not json"),
            Records.event(P0, 2),
            Records.json(P0, 3, "{\"event_name\":\"x\"}"),
            Records.event(P0, 4)));
    batcher.process();

    assertThat(sinks.deadLetters)
        .extracting(Rejection::reason)
        .containsExactly(RejectReason.NOT_JSON, RejectReason.MISSING_EXTERNAL_CUSTOMER_ID);
    assertThat(sinks.rowsWritten()).isEqualTo(3);
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 5L));
  }

  @Test
  void rowsTheServerRejectsAreBisectedOutAndTheRestIsWritten() {
    EventBatcher batcher = batcher(8, Duration.ofSeconds(5));
    sinks.rejectedByServer = e -> e.offset() == 5;

    batcher.offer(Records.events(P0, 0, 8));
    batcher.process();

    assertThat(sinks.rowsWritten()).isEqualTo(7);
    assertThat(sinks.deadLetters)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.REJECTED_BY_CLICKHOUSE);
              assertThat(r.record().offset()).isEqualTo(5);
            });
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 8L));
  }

  @Test
  void revokedPartitionsAreFlushedAndCommittedBeforeTheyAreGivenUp() {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 10));
    batcher.offer(Records.events(P1, 0, 10));
    batcher.process();

    batcher.partitionsRevoked(List.of(P1));

    assertThat(sinks.rowsWritten()).isEqualTo(20);
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 10L, P1, 10L));
  }

  @Test
  void revokedPartitionsAreDroppedUncommittedWhenTheFlushFails() {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 10));
    batcher.offer(Records.events(P1, 0, 10));
    batcher.process();
    sinks.failNextWrites = 1;

    batcher.partitionsRevoked(List.of(P1));
    clock.advance(Duration.ofSeconds(1));
    batcher.process();

    assertThat(sinks.inserts)
        .singleElement()
        .satisfies(
            insert -> assertThat(insert).allSatisfy(e -> assertThat(e.partition()).isEqualTo(P0)));
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 10L));
  }

  /** A batcher whose time-flushed batch of ten P0 events failed to write. */
  private EventBatcher failingOnP0(int writeFailures) {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    sinks.failNextWrites = writeFailures;
    offerAndFlushOnTime(batcher, Records.events(P0, 0, 10));
    assertThat(batcher.isFailing()).isTrue();
    return batcher;
  }

  private void offerAndFlushOnTime(EventBatcher batcher, List<SourceRecord> records) {
    batcher.offer(records);
    batcher.process();
    clock.advance(Duration.ofSeconds(5));
    batcher.process();
  }

  @Test
  void aFailureEndsWhenItsWholeBatchIsRevokedSoNewPartitionsAreNotPausedForever() {
    EventBatcher batcher = failingOnP0(2);

    batcher.partitionsRevoked(List.of(P0));

    assertThat(batcher.isFailing()).isFalse();
    assertThat(batcher.shouldPause()).isFalse();
    offerAndFlushOnTime(batcher, Records.events(P1, 0, 10));
    assertThat(sinks.inserts)
        .singleElement()
        .satisfies(insert -> assertThat(insert).allMatch(e -> e.partition().equals(P1)));
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P1, 10L));
  }

  @Test
  void aFailureEndsWhenItsWholeBatchIsLostSoTheDrainCanFinish() throws InterruptedException {
    EventBatcher batcher = failingOnP0(1);

    batcher.partitionsLost(List.of(P0));

    assertThat(batcher.shouldPause()).isFalse();
    assertThat(batcher.drain(clock.instant().plusSeconds(10), clock::advance)).isTrue();
    assertThat(sinks.inserts).isEmpty();
    assertThat(sinks.commits).isEmpty();
  }

  /** A batcher that wrote ten P0 events and failed to commit them. */
  private EventBatcher writtenButCommitFailed() {
    EventBatcher batcher = batcher(10, Duration.ofSeconds(5));
    sinks.failNextCommits = 1;
    batcher.offer(Records.events(P0, 0, 10));
    batcher.process();
    assertThat(sinks.rowsWritten()).isEqualTo(10);
    assertThat(sinks.commits).isEmpty();
    return batcher;
  }

  @Test
  void revokeCommitsWhatAFailedCommitLeftBehindEvenWithAnEmptyBuffer() {
    EventBatcher batcher = writtenButCommitFailed();

    batcher.partitionsRevoked(List.of(P0));

    assertThat(sinks.commits).containsExactly(Map.of(P0, 10L));
  }

  @Test
  void drainCommitsWhatAFailedCommitLeftBehind() throws InterruptedException {
    EventBatcher batcher = writtenButCommitFailed();

    assertThat(batcher.drain(clock.instant().plusSeconds(10), clock::advance)).isTrue();

    assertThat(sinks.commits).containsExactly(Map.of(P0, 10L));
  }

  @Test
  void drainWritesEverythingAndRetriesUntilTheDeadline() throws InterruptedException {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 42));
    batcher.process();
    sinks.failNextWrites = 2;

    boolean drained = batcher.drain(clock.instant().plusSeconds(10), clock::advance);

    assertThat(drained).isTrue();
    assertThat(sinks.rowsWritten()).isEqualTo(42);
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 42L));
  }

  @Test
  void drainGivesUpAtTheDeadlineWithoutCommitting() throws InterruptedException {
    EventBatcher batcher = batcher(100, Duration.ofSeconds(5));
    batcher.offer(Records.events(P0, 0, 42));
    batcher.process();
    sinks.failNextWrites = 1000;
    Instant deadline = clock.instant().plusSeconds(10);

    boolean drained = batcher.drain(deadline, clock::advance);

    assertThat(drained).isFalse();
    assertThat(clock.instant()).isEqualTo(deadline);
    assertThat(sinks.commits).isEmpty();
  }

  @Test
  void deduplicationTokenIsTheOffsetRangePerPartition() {
    EventBatcher batcher = batcher(6, Duration.ofSeconds(5));
    batcher.offer(Records.events(P1, 7, 3));
    batcher.offer(Records.events(P0, 100, 3));
    batcher.process();

    assertThat(sinks.tokens).containsExactly("events-0:100-102,events-1:7-9");
  }

  @Test
  void rateLimitHoldsRecordsBackAndPausesUntilPermitsRefill() {
    EventBatcher batcher =
        batcher(5, Long.MAX_VALUE, Duration.ofSeconds(5), new RateLimiter(10, clock));
    batcher.offer(Records.events(P0, 0, 25));
    batcher.process();

    assertThat(sinks.rowsWritten()).isEqualTo(10);
    assertThat(batcher.shouldPause()).isTrue();
    assertThat(batcher.timeUntilNextAction()).isEqualTo(Duration.ofMillis(100));
    assertThat(sinks.lastCommit()).isEqualTo(Map.of(P0, 10L));

    clock.advance(Duration.ofSeconds(1));
    batcher.process();
    assertThat(sinks.rowsWritten()).isEqualTo(20);

    clock.advance(Duration.ofSeconds(1));
    batcher.process();
    assertThat(sinks.rowsWritten()).isEqualTo(25);
    assertThat(batcher.shouldPause()).isFalse();
  }
}
