package io.batchline.consumer.batch;

import io.batchline.consumer.batch.RetryClassifier.Failure;
import io.batchline.consumer.table.RowBinaryBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inserts part of a batch that the server refused as a whole, splitting it until every part goes
 * in: in halves when rows are rejected for their data (the single rows left are dead-lettered at
 * once, with the server's reason), and by partition key when the part spans more table partitions
 * than one INSERT may. Each part carries a token derived from the batch's token and the part's
 * rows, so a replay that splits the same way sends the same tokens.
 *
 * <p>Bisection is bounded in time: once {@code deadline} passes, every part that still fails for
 * its data is dead-lettered whole, saying that its rows were not isolated. A transient failure
 * stops the whole attempt, so the batch is retried later.
 */
final class RowIsolation {

  /** ClickHouse's default {@code max_partitions_per_insert_block}. */
  static final int MAX_PARTITIONS_PER_INSERT = 100;

  private final EventSink sink;
  private final DeadLetterSink deadLetters;
  private final RetryClassifier classifier;
  private final Clock clock;
  private final Instant deadline;
  private final Duration timeLimit;
  private final EncodedBatch batch;
  private final List<Rejection> deadLettered;
  private int written;
  private int deduplicated;

  RowIsolation(
      WriterPorts ports, Duration timeLimit, EncodedBatch batch, List<Rejection> deadLettered) {
    this.sink = ports.sink();
    this.deadLetters = ports.deadLetters();
    this.classifier = ports.classifier();
    this.clock = ports.clock();
    this.timeLimit = timeLimit;
    this.deadline = clock.instant().plus(timeLimit);
    this.batch = batch;
    this.deadLettered = deadLettered;
  }

  int written() {
    return written;
  }

  int deduplicated() {
    return deduplicated;
  }

  /** Handles the whole batch's failure, then inserts what can be inserted. */
  void recover(String token, SinkException failure) throws SinkException {
    int[] all = new int[batch.rows()];
    Arrays.setAll(all, i -> i);
    recover(all, token, failure);
  }

  private void insert(int[] rows, String token) throws SinkException {
    try {
      InsertResult result = sink.insert(insertOf(rows, token));
      written += rows.length;
      deduplicated += result.deduplicated(rows.length);
    } catch (SinkException e) {
      recover(rows, token, e);
    }
  }

  private void recover(int[] rows, String token, SinkException failure) throws SinkException {
    Failure kind = classifier.classify(failure);
    if (kind == Failure.TOO_MANY_PARTITIONS) {
      splitByPartition(rows, token);
    } else if (kind == Failure.REJECTED_ROWS || kind == Failure.SCHEMA_CHANGED) {
      bisect(rows, token, failure);
    } else {
      throw failure;
    }
  }

  private void bisect(int[] rows, String token, SinkException failure) throws SinkException {
    if (rows.length == 1) {
      reject(rows, failure.getMessage());
    } else if (!clock.instant().isBefore(deadline)) {
      reject(
          rows,
          "not isolated: bisection stopped after "
              + timeLimit.toSeconds()
              + " s; the server said: "
              + failure.getMessage());
    } else {
      int half = rows.length / 2;
      int[] left = Arrays.copyOfRange(rows, 0, half);
      int[] right = Arrays.copyOfRange(rows, half, rows.length);
      insert(left, DeduplicationToken.part(token, span(left)));
      insert(right, DeduplicationToken.part(token, span(right)));
    }
  }

  private void splitByPartition(int[] rows, String token) throws SinkException {
    List<int[]> groups = partitionGroups(rows);
    if (groups.size() < 2) {
      int half = rows.length / 2;
      if (half == 0) {
        throw new SinkException("one row spans too many partitions", 252, null);
      }
      groups =
          List.of(Arrays.copyOfRange(rows, 0, half), Arrays.copyOfRange(rows, half, rows.length));
    }
    for (int i = 0; i < groups.size(); i++) {
      insert(groups.get(i), DeduplicationToken.part(token, "k" + i + "-" + span(groups.get(i))));
    }
  }

  /**
   * The rows grouped by the table partition they fall into, in first-seen order, then packed into
   * parts of at most {@link #MAX_PARTITIONS_PER_INSERT} partitions, or into two parts when there
   * are fewer; empty when a row's partition cannot be computed here.
   */
  private List<int[]> partitionGroups(int[] rows) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int row : rows) {
      Optional<String> key =
          batch.encoder().partitionKey(batch.rowRecords().get(row), batch.source().ingestedAt());
      if (key.isEmpty()) {
        return List.of();
      }
      byKey.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(row);
    }
    List<List<Integer>> keyGroups = new ArrayList<>(byKey.values());
    int perPart =
        keyGroups.size() > MAX_PARTITIONS_PER_INSERT
            ? MAX_PARTITIONS_PER_INSERT
            : Math.max(1, (keyGroups.size() + 1) / 2);
    List<int[]> parts = new ArrayList<>();
    for (int i = 0; i < keyGroups.size(); i += perPart) {
      parts.add(
          keyGroups.subList(i, Math.min(keyGroups.size(), i + perPart)).stream()
              .flatMap(List::stream)
              .mapToInt(Integer::intValue)
              .sorted()
              .toArray());
    }
    return parts;
  }

  private void reject(int[] rows, String reason) throws SinkException {
    List<Rejection> rejected = new ArrayList<>(rows.length);
    for (int row : rows) {
      rejected.add(
          Rejection.of(batch.rowRecords().get(row), RejectReason.REJECTED_BY_CLICKHOUSE, reason));
    }
    deadLetters.send(rejected);
    deadLettered.addAll(rejected);
  }

  private Insert insertOf(int[] rows, String token) {
    int first = rows[0];
    int last = rows[rows.length - 1];
    if (last - first + 1 == rows.length) {
      return new Insert(
          batch.encoder(),
          batch.body(),
          batch.rowStart(first),
          batch.rowEnd(last),
          rows.length,
          token);
    }
    RowBinaryBuffer body = new RowBinaryBuffer(batch.rowEnd(last) - batch.rowStart(first));
    for (int row : rows) {
      body.append(batch.body(), batch.rowStart(row), batch.rowEnd(row));
    }
    return new Insert(batch.encoder(), body, 0, body.size(), rows.length, token);
  }

  private static String span(int[] rows) {
    return "r" + rows[0] + "-" + rows[rows.length - 1] + "n" + rows.length;
  }
}
