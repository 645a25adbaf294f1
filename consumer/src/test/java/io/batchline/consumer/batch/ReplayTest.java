package io.batchline.consumer.batch;

import static io.batchline.consumer.batch.Records.P0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A consumer interrupted at each point of a batch's life, and the partition's next owner: its first
 * insert must be the interrupted one (same range, same token, same bytes), so a server that
 * deduplicates by token keeps every row exactly once. The next owner starts an hour later, so an
 * ingestion time taken from its own clock would change the bytes.
 */
class ReplayTest {

  private static final FlushPolicy POLICY = new FlushPolicy(10, 1L << 30, Duration.ofSeconds(5));

  private final FakeSinks server = new FakeSinks();

  private BatcherHarness firstOwner() {
    return new BatcherHarness(server, new MutableClock(), POLICY).assign(P0);
  }

  private BatcherHarness nextOwner(FlushPolicy policy) {
    MutableClock later = new MutableClock();
    later.advance(Duration.ofHours(1));
    return new BatcherHarness(server, later, policy).resume(P0, server);
  }

  private List<SourceRecord> fromCommitted(List<SourceRecord> records) {
    long from = server.committed.containsKey(P0) ? server.committed.get(P0).offset() : 0;
    return records.stream().filter(r -> r.offset() >= from).toList();
  }

  @Test
  void interruptedBeforeTheIntentNothingWasInsertedAndTheNextOwnerCutsItsOwnBatch() {
    List<SourceRecord> records = Records.events(P0, 0, 10);
    server.failNextCommits = 1;
    firstOwner().offer(records);
    assertThat(server.attempts).isEmpty();

    nextOwner(POLICY).offer(fromCommitted(records));

    assertThat(server.keptRows()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void interruptedAfterTheIntentBeforeTheInsertTheNextOwnerSendsTheSameInsert() {
    List<SourceRecord> records = Records.events(P0, 0, 10);
    server.failNextInserts = 1;
    firstOwner().offer(records);
    FakeSinks.Attempt interrupted = server.attempts.get(0);

    nextOwner(POLICY).offer(fromCommitted(records));

    assertSameInsert(server.attempts.get(1), interrupted);
    assertThat(server.keptRows()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void interruptedAfterTheInsertBeforeTheCommitTheReplayIsDropped() {
    List<SourceRecord> records = Records.events(P0, 0, 10);
    server.failCommitsAfterInserts = true;
    firstOwner().offer(records);
    FakeSinks.Attempt interrupted = server.attempts.get(0);
    assertThat(interrupted.succeeded()).isTrue();
    server.failCommitsAfterInserts = false;

    nextOwner(POLICY).offer(fromCommitted(records));

    assertSameInsert(server.attempts.get(1), interrupted);
    assertThat(server.keptRows()).hasSize(10).doesNotHaveDuplicates();
    assertThat(server.committed.get(P0)).isEqualTo(CommitPosition.delivered(10));
  }

  @Test
  void interruptedWhileIsolatingRejectedRowsTheNextOwnerSplitsTheSameWay() {
    List<SourceRecord> records = Records.events(P0, 0, 10);
    server.rejectedByServer = row -> row.equals("e0-7");
    server.failNextDeadLetters = 1;
    firstOwner().offer(records);
    List<FakeSinks.Attempt> interrupted = new ArrayList<>(server.attempts);
    assertThat(interrupted).hasSizeGreaterThan(2);

    nextOwner(POLICY).offer(fromCommitted(records));

    List<FakeSinks.Attempt> replay =
        server.attempts.subList(interrupted.size(), server.attempts.size());
    for (int i = 0; i < interrupted.size(); i++) {
      assertSameInsert(replay.get(i), interrupted.get(i));
    }
    assertThat(server.keptRows()).hasSize(9).doesNotHaveDuplicates().doesNotContain("e0-7");
    assertThat(server.deadLetters).extracting(r -> r.record().offset()).containsExactly(7L);
  }

  @Test
  void interruptedWithRecordsThatCannotBeRowsTheReplayIsTheSameInsert() {
    List<SourceRecord> records = new ArrayList<>(Records.events(P0, 0, 10));
    records.set(3, Records.value(P0, 3, "!not a row"));
    server.failCommitsAfterInserts = true;
    firstOwner().offer(records);
    FakeSinks.Attempt interrupted = server.attempts.get(0);
    server.failCommitsAfterInserts = false;

    nextOwner(POLICY).offer(fromCommitted(records));

    assertSameInsert(server.attempts.get(1), interrupted);
    assertThat(server.keptRows()).hasSize(9).doesNotHaveDuplicates();
    assertThat(server.deadLetters).extracting(r -> r.record().offset()).containsExactly(3L, 3L);
  }

  @Test
  void theNextOwnerCutsTheRecordedRangeWhateverItsOwnBatchSize() {
    List<SourceRecord> records = Records.events(P0, 0, 30);
    server.failNextInserts = 1;
    firstOwner().offer(records.subList(0, 10));
    FakeSinks.Attempt interrupted = server.attempts.get(0);

    nextOwner(new FlushPolicy(4, 1L << 30, Duration.ZERO)).offer(fromCommitted(records));

    assertSameInsert(server.attempts.get(1), interrupted);
    assertThat(server.keptRows()).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void aNextOwnerWithOtherColumnsStillSendsTheRecordedToken() {
    List<SourceRecord> records = Records.events(P0, 0, 10);
    server.failCommitsAfterInserts = true;
    firstOwner().offer(records);
    FakeSinks.Attempt interrupted = server.attempts.get(0);
    server.failCommitsAfterInserts = false;
    server.encoder = new TestRowEncoder("v2:");

    nextOwner(POLICY).offer(fromCommitted(records));

    FakeSinks.Attempt replay = server.attempts.get(1);
    assertThat(replay.token()).isEqualTo(interrupted.token());
    assertThat(replay.rows()).allMatch(r -> r.startsWith("v2:"));
    assertThat(server.keptRows()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void whenRetentionRemovedTheRangesStartTheNextOwnerEndsWhereItEndedWithATokenOfItsOwn() {
    List<SourceRecord> records = Records.events(P0, 0, 20);
    server.failCommitsAfterInserts = true;
    firstOwner().offer(records.subList(0, 10));
    FakeSinks.Attempt interrupted = server.attempts.get(0);
    server.failCommitsAfterInserts = false;

    nextOwner(new FlushPolicy(100, 1L << 30, Duration.ofSeconds(5))).offer(records.subList(4, 20));

    FakeSinks.Attempt first = server.attempts.get(1);
    assertThat(first.rows()).first().isEqualTo("e0-4");
    assertThat(first.rows()).last().isEqualTo("e0-9");
    assertThat(first.token()).isNotEqualTo(interrupted.token());
  }

  private static void assertSameInsert(FakeSinks.Attempt actual, FakeSinks.Attempt expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.token()).isEqualTo(expected.token());
    assertThat(actual.body()).isEqualTo(expected.body());
  }
}
