package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static io.batchline.consumer.batch.Records.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventBatcherTest {

  @Test
  void cutsAtBatchSizeAndEachInsertHoldsOnePartitionsContiguousRange() {
    BatcherHarness h = BatcherHarness.of(200, Duration.ofSeconds(5)).assign(P0, P1);

    h.offer(Records.events(P0, 0, 450));
    h.offer(Records.events(P1, 0, 250));

    assertThat(h.sinks.inserts())
        .extracting(a -> a.rows().get(0) + ".." + a.rows().get(a.rows().size() - 1))
        .containsExactlyInAnyOrder("e0-0..e0-199", "e0-200..e0-399", "e1-0..e1-199");
    assertThat(h.sinks.committed)
        .containsEntry(P0, CommitPosition.delivered(400))
        .containsEntry(P1, CommitPosition.delivered(200));
  }

  @Test
  void cutsOnTimeWithTheInjectedClock() {
    BatcherHarness h = BatcherHarness.of(200, Duration.ofSeconds(5)).assign(P0);
    h.offer(Records.events(P0, 0, 10));
    assertThat(h.sinks.attempts).isEmpty();
    assertThat(h.batcher.timeUntilNextAction()).isEqualTo(Duration.ofSeconds(1));

    h.advance(Duration.ofMillis(4999));
    assertThat(h.sinks.attempts).isEmpty();

    h.advance(Duration.ofMillis(1));
    assertThat(h.sinks.inserts()).extracting(a -> a.rows().size()).containsExactly(10);
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(10));
  }

  @Test
  void cutsWhenTheByteBoundIsReached() {
    int eventBytes = Records.event(P0, 0).sizeBytes();
    BatcherHarness h =
        new BatcherHarness(
            new FakeSinks(),
            new MutableClock(),
            new FlushPolicy(1000, eventBytes * 3L, Duration.ofSeconds(5)));
    h.assign(P0);

    h.offer(Records.events(P0, 0, 7));

    assertThat(h.sinks.inserts()).extracting(a -> a.rows().size()).containsExactly(3, 3);
  }

  @Test
  void rollbackModeWritesOneInsertPerEvent() {
    BatcherHarness h = BatcherHarness.of(1, Duration.ZERO).assign(P0);

    h.offer(Records.events(P0, 0, 5));

    assertThat(h.sinks.inserts()).hasSize(5).allSatisfy(a -> assertThat(a.rows()).hasSize(1));
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(5));
  }

  @Test
  void recordsTheIntentBeforeTheInsertAndTheEndAfterIt() {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0);

    h.offer(Records.events(P0, 0, 100));

    Intent intent = Intent.parse(h.sinks.commits.get(0).get(P0).metadata()).orElseThrow();
    assertThat(h.sinks.commits.get(0).get(P0).offset()).isZero();
    assertThat(intent.range()).isEqualTo(new OffsetRange(0, 99));
    assertThat(intent.token()).startsWith(Records.TOPIC_ID + ":0:0-99:");
    assertThat(h.sinks.inserts().get(0).token()).isEqualTo(intent.token());
    assertThat(h.sinks.commits.get(1)).isEqualTo(Map.of(P0, CommitPosition.delivered(100)));
  }

  @Test
  void oneCommitSettlesABatchAndRecordsTheNextOnesIntent() {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0);

    h.offer(Records.events(P0, 0, 300));

    assertThat(h.sinks.commits)
        .extracting(c -> c.get(P0).offset() + (c.get(P0).metadata().isEmpty() ? "" : " intent"))
        .containsExactly("0 intent", "100 intent", "200 intent", "300");
  }

  @Test
  void aFailedWriteKeepsTheBatchCommitsNothingPastItAndRetriesAfterBackoff() {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0);
    h.sinks.failNextInserts = 1;

    h.offer(Records.events(P0, 0, 100));

    assertThat(h.sinks.inserts()).isEmpty();
    assertThat(h.sinks.committed.get(P0).offset()).isZero();
    assertThat(h.batcher.isFailing()).isTrue();
    assertThat(h.batcher.timeUntilNextAction()).isEqualTo(Duration.ofMillis(100));

    h.advance(Duration.ofMillis(40));
    assertThat(h.batcher.longestRetry()).isEqualTo(Duration.ofMillis(40));
    h.advance(Duration.ofMillis(60));

    assertThat(h.sinks.inserts()).hasSize(1);
    assertThat(h.sinks.attempts.get(1).token()).isEqualTo(h.sinks.attempts.get(0).token());
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(100));
    assertThat(h.batcher.isFailing()).isFalse();
    assertThat(h.batcher.longestRetry()).isZero();
  }

  @Test
  void whileAWriteFailsItsPartitionFillsOneMoreBatchThenPauses() {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0, P1);
    h.sinks.failNextInserts = 1_000;

    h.offer(Records.events(P0, 0, 350));

    assertThat(h.batcher.partitionsToPause()).containsExactly(P0);
    assertThat(h.batcher.heldRecords()).isEqualTo(350);
  }

  @Test
  void aUsedUpBudgetPausesEveryPartition() {
    FakeSinks sinks = new FakeSinks();
    sinks.failNextInserts = 1_000;
    MutableClock clock = new MutableClock();
    BatcherHarness h =
        new BatcherHarness(
            sinks,
            clock,
            new FlushPolicy(100, 1L << 30, Duration.ofSeconds(5)),
            RateLimiter.unlimited(clock),
            new InFlightBudget(150, 1L << 30));
    h.assign(P0, P1);

    h.offer(Records.events(P0, 0, 160));

    assertThat(h.batcher.partitionsToPause()).containsExactly(P0, P1);
  }

  @Test
  void aUsedUpBudgetWaitsForTheWriteInFlightInsteadOfCuttingBatchesShort() {
    PausedWriters writers = new PausedWriters();
    BatcherHarness h = batchesOf100(writers, new InFlightBudget(250, 1L << 30));
    h.offer(Records.events(P0, 0, 100));
    assertThat(writers.waiting()).isEqualTo(1);

    h.offer(Records.events(P0, 100, 80));
    h.offer(Records.events(P1, 0, 80));

    assertThat(h.batcher.partitionsToPause()).containsExactly(P0, P1);
    assertThat(writers.waiting()).as("only the full batch is written").isEqualTo(1);
    writers.runAll(h);
    assertThat(h.sinks.inserts()).extracting(a -> a.rows().size()).containsExactly(100);
    h.advance(Duration.ofSeconds(5));
    writers.runAll(h);
    assertThat(h.sinks.inserts()).extracting(a -> a.rows().size()).containsExactly(100, 80, 80);
  }

  @Test
  void aUsedUpBudgetWithNothingInFlightCutsTheOpenBatches() {
    PausedWriters writers = new PausedWriters();
    BatcherHarness h = batchesOf100(writers, new InFlightBudget(150, 1L << 30));

    h.offer(Records.events(P0, 0, 80));
    h.offer(Records.events(P1, 0, 80));

    assertThat(writers.waiting()).as("both batches cut before their size or age").isEqualTo(2);
    writers.runAll(h);
    assertThat(h.sinks.inserts()).extracting(a -> a.rows().size()).containsExactly(80, 80);
  }

  /** Batches of 100 events or 5 s on P0 and P1, written by {@code writers}. */
  private static BatcherHarness batchesOf100(PausedWriters writers, InFlightBudget budget) {
    return new BatcherHarness(
            new FakeSinks(),
            new MutableClock(),
            new FlushPolicy(100, 1L << 30, Duration.ofSeconds(5)),
            budget,
            writers)
        .assign(P0, P1);
  }

  /** Writer tasks held until the test runs them, so that a write can be in flight. */
  private static final class PausedWriters implements java.util.concurrent.Executor {
    private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    int waiting() {
      return tasks.size();
    }

    /** Runs every task, and those the batcher hands out as the earlier ones complete. */
    void runAll(BatcherHarness h) {
      while (!tasks.isEmpty()) {
        while (!tasks.isEmpty()) {
          tasks.poll().run();
        }
        h.advance();
      }
    }
  }

  @Test
  void recordsOverTheRateLimitWaitWithTheirPartitionPaused() {
    MutableClock clock = new MutableClock();
    BatcherHarness h =
        new BatcherHarness(
            new FakeSinks(),
            clock,
            new FlushPolicy(10, 1L << 30, Duration.ZERO),
            new RateLimiter(10, clock),
            new InFlightBudget(1000, 1L << 30));
    h.assign(P0);

    h.offer(Records.events(P0, 0, 25));

    assertThat(h.sinks.rowsWritten()).hasSize(10);
    assertThat(h.batcher.partitionsToPause()).containsExactly(P0);
    h.advance(Duration.ofSeconds(1));
    assertThat(h.sinks.rowsWritten()).hasSize(20);
  }

  @Test
  void aDeduplicatedInsertIsASuccessAndIsNotRetried() {
    BatcherHarness h = BatcherHarness.of(10, Duration.ofSeconds(5)).assign(P0);
    h.offer(Records.events(P0, 0, 10));
    BatcherHarness next = new BatcherHarness(h.sinks, new MutableClock(), h.policy());
    h.sinks.committed.put(P0, CommitPosition.intent(intentOf(h.sinks.inserts().get(0))));
    next.resume(P0, h.sinks);

    next.offer(Records.events(P0, 0, 10));

    assertThat(h.sinks.inserts()).hasSize(2);
    assertThat(next.batcher.isFailing()).isFalse();
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(10));
  }

  @Test
  void aRecreatedTopicGetsTokensOfItsOwn() {
    BatcherHarness h = BatcherHarness.of(10, Duration.ofSeconds(5));
    h.batcher.partitionsAssigned(
        List.of(
            new AssignedPartition(
                P0,
                java.util.UUID.randomUUID(),
                java.util.OptionalLong.empty(),
                java.util.Optional.empty())));

    h.offer(Records.events(P0, 0, 10));
    BatcherHarness other = BatcherHarness.of(10, Duration.ofSeconds(5)).assign(P0);
    other.offer(Records.events(P0, 0, 10));

    assertThat(h.sinks.inserts().get(0).token()).isNotEqualTo(other.sinks.inserts().get(0).token());
    assertThat(h.sinks.inserts().get(0).body()).isEqualTo(other.sinks.inserts().get(0).body());
  }

  @Test
  void aFailedCommitIsRetriedWithoutWritingAnythingTwice() {
    BatcherHarness h = BatcherHarness.of(10, Duration.ofSeconds(5)).assign(P0);
    h.sinks.failNextCommits = 1;

    h.offer(Records.events(P0, 0, 10));
    assertThat(h.sinks.attempts).isEmpty();

    h.advance(Duration.ofSeconds(1));
    assertThat(h.sinks.inserts()).hasSize(1);
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(10));
  }

  @Test
  void aRevokedPartitionIsWrittenAndCommittedBeforeItIsGivenUp() throws Exception {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0, P1);
    h.offer(Records.events(P0, 0, 30));
    h.offer(Records.events(P1, 0, 20));

    h.batcher.partitionsRevoked(List.of(P0), h.clock.instant().plusSeconds(5));

    assertThat(h.sinks.rowsWritten()).hasSize(30).allMatch(r -> r.startsWith("e0-"));
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(30));
    assertThat(h.batcher.heldRecords()).isEqualTo(20);
  }

  @Test
  void aLostPartitionIsForgottenUncommitted() {
    BatcherHarness h = BatcherHarness.of(100, Duration.ofSeconds(5)).assign(P0);
    h.offer(Records.events(P0, 0, 30));

    h.batcher.partitionsLost(List.of(P0));

    assertThat(h.batcher.heldRecords()).isZero();
    assertThat(h.sinks.commits).isEmpty();
  }

  @Test
  void drainWritesWhatIsBufferedDropsWhatWaitsAndReturnsAtOnce() throws Exception {
    MutableClock clock = new MutableClock();
    BatcherHarness h =
        new BatcherHarness(
            new FakeSinks(),
            clock,
            new FlushPolicy(1000, 1L << 30, Duration.ofSeconds(5)),
            new RateLimiter(50, clock),
            new InFlightBudget(10_000, 1L << 30));
    h.assign(P0);
    h.offer(Records.events(P0, 0, 80));

    int left = h.batcher.drain(clock.instant().plusSeconds(25));

    assertThat(h.sinks.rowsWritten()).hasSize(50);
    assertThat(h.sinks.committed.get(P0)).isEqualTo(CommitPosition.delivered(50));
    assertThat(left).isZero();
    assertThat(clock.instant()).isEqualTo(new MutableClock().instant());
  }

  @Test
  void drainGivesAFailingWriteOneMoreTryThenLeavesItUncommitted() throws Exception {
    BatcherHarness h = BatcherHarness.of(10, Duration.ofSeconds(5)).assign(P0);
    h.sinks.failNextInserts = 2;
    h.offer(Records.events(P0, 0, 10));

    int left = h.batcher.drain(h.clock.instant().plusSeconds(25));

    assertThat(h.sinks.attempts).hasSize(2);
    assertThat(left).isEqualTo(10);
    assertThat(h.sinks.committed.get(P0).offset()).isZero();
  }

  @Test
  void pausesNothingWhenIdle() {
    BatcherHarness h = BatcherHarness.of(10, Duration.ofSeconds(5)).assign(P0, P1);
    assertThat(h.batcher.partitionsToPause()).isEqualTo(Set.of());
  }

  private static Intent intentOf(FakeSinks.Attempt attempt) {
    String[] parts = attempt.token().split(":");
    String[] range = parts[2].split("-");
    return new Intent(
        new OffsetRange(Long.parseLong(range[0]), Long.parseLong(range[1])),
        new MutableClock().instant(),
        attempt.token());
  }
}
