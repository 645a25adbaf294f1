package io.batchline.consumer.batch;

import io.batchline.consumer.table.RowEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * In-memory stand-ins for ClickHouse, the dead-letter topic and the Kafka committer, with the
 * failures a test can ask for. ClickHouse here deduplicates by token like a 22.2+ server.
 */
final class FakeSinks implements EventSink, DeadLetterSink, OffsetCommitter {

  /** One INSERT as the server received it, whether it succeeded or not. */
  record Attempt(List<String> rows, String token, byte[] body, boolean succeeded) {}

  final List<Attempt> attempts = new ArrayList<>();
  final List<Rejection> deadLetters = new ArrayList<>();
  final List<Map<PartitionKey, CommitPosition>> commits = new ArrayList<>();
  final Map<PartitionKey, CommitPosition> committed = new LinkedHashMap<>();
  private final Set<String> seenTokens = new HashSet<>();
  RowEncoder encoder = new TestRowEncoder("");
  int failNextInserts;
  Integer failureCode;
  int failNextCommits;

  /** Fails every commit that settles a written batch without recording a new intent. */
  boolean failCommitsAfterInserts;

  int failNextDeadLetters;
  int maxPartitionsPerInsert = Integer.MAX_VALUE;
  Predicate<String> rejectedByServer = row -> false;
  RowEncoder schemaChange;
  boolean reportsWrittenRows = true;
  Runnable onInsert = () -> {};

  /** When set, rows encoded otherwise cannot be read, as after an ALTER TABLE. */
  String expectedPrefix;

  @Override
  public RowEncoder encoder() {
    return encoder;
  }

  @Override
  public void reloadSchema() {
    if (schemaChange != null) {
      encoder = schemaChange;
      schemaChange = null;
    }
  }

  @Override
  public InsertResult insert(Insert insert) throws SinkException {
    onInsert.run();
    List<String> rows = TestRowEncoder.rows(insert.body(), insert.from(), insert.to());
    byte[] body = java.util.Arrays.copyOfRange(insert.body().array(), insert.from(), insert.to());
    if (failNextInserts > 0) {
      failNextInserts--;
      attempts.add(new Attempt(rows, insert.token(), body, false));
      throw new SinkException("Connection refused", failureCode, null);
    }
    if (schemaChange != null
        || (expectedPrefix != null && rows.stream().anyMatch(r -> !r.startsWith(expectedPrefix)))) {
      attempts.add(new Attempt(rows, insert.token(), body, false));
      throw new SinkException("Code: 33. Cannot read all data", 33, null);
    }
    if (rows.stream().anyMatch(rejectedByServer)) {
      attempts.add(new Attempt(rows, insert.token(), body, false));
      throw new SinkException("Code: 53. Type mismatch", 53, null);
    }
    long partitions = rows.stream().map(r -> r.substring(r.indexOf('@') + 1)).distinct().count();
    if (partitions > maxPartitionsPerInsert) {
      attempts.add(new Attempt(rows, insert.token(), body, false));
      throw new SinkException(
          "Code: 252. Too many partitions for single INSERT block (more than 100)", 252, null);
    }
    attempts.add(new Attempt(rows, insert.token(), body, true));
    boolean replay = !seenTokens.add(insert.token());
    if (!reportsWrittenRows) {
      return InsertResult.unknown();
    }
    return new InsertResult(OptionalLong.of(replay ? 0 : rows.size()));
  }

  @Override
  public void send(List<Rejection> rejections) throws SinkException {
    if (failNextDeadLetters > 0) {
      failNextDeadLetters--;
      throw new SinkException("dead-letter topic did not ack", null);
    }
    deadLetters.addAll(rejections);
  }

  @Override
  public void commit(Map<PartitionKey, CommitPosition> positions) {
    if (failNextCommits > 0) {
      failNextCommits--;
      throw new IllegalStateException("RebalanceInProgressException");
    }
    if (failCommitsAfterInserts
        && positions.values().stream().anyMatch(p -> p.metadata().isEmpty())) {
      throw new IllegalStateException("TimeoutException: commit after the insert");
    }
    commits.add(new LinkedHashMap<>(positions));
    committed.putAll(positions);
  }

  /** Rows the server kept: those of successful inserts whose token it had not seen before. */
  List<String> keptRows() {
    Set<String> tokens = new HashSet<>();
    return inserts().stream()
        .filter(a -> tokens.add(a.token()))
        .flatMap(a -> a.rows().stream())
        .toList();
  }

  List<Attempt> inserts() {
    return attempts.stream().filter(Attempt::succeeded).toList();
  }

  /** Every row written, in order, replays included. */
  List<String> rowsWritten() {
    return inserts().stream().flatMap(a -> a.rows().stream()).toList();
  }
}
