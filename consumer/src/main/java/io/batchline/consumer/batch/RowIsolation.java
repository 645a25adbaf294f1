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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Inserts a batch that the server refused as a whole, by parts, until every row is in ClickHouse or
 * in the dead-letter topic: a part refused for its rows' data is halved (a single row left is
 * dead-lettered with the server's reason), a part spanning more table partitions than one INSERT
 * may is split by partition key. Each part carries a token derived from the batch's token and the
 * part's rows, so a replay that splits the same way sends the same tokens.
 *
 * <p>The parts of one round are tried at once on the probe threads, and the rows isolated in a
 * round are dead-lettered before the next begins, so a batch whose rows the server rejects one by
 * one costs about two inserts per row, spread over those threads. Bisection is bounded in time:
 * once {@code deadline} passes, every part that still fails for its data is dead-lettered whole,
 * saying its rows were not isolated. A transient failure stops the whole attempt, and the batch is
 * retried later.
 */
final class RowIsolation {

  /** ClickHouse's default {@code max_partitions_per_insert_block}. */
  static final int MAX_PARTITIONS_PER_INSERT = 100;

  /** A part of the batch: its rows (indices into the batch) and its token. */
  private record Part(int[] rows, String token) {}

  /** What trying a part gave: written, or the failure and what it means. */
  private record Outcome(Part part, InsertResult result, SinkException failure, Failure kind) {}

  private final EventSink sink;
  private final DeadLetterSink deadLetters;
  private final RetryClassifier classifier;
  private final Clock clock;
  private final Executor probes;
  private final Instant deadline;
  private final Duration timeLimit;
  private final EncodedBatch batch;
  private final List<Rejection> deadLettered;
  private int written;
  private int deduplicated;

  RowIsolation(
      WriterPorts ports,
      Executor probes,
      Duration timeLimit,
      EncodedBatch batch,
      List<Rejection> deadLettered) {
    this.sink = ports.sink();
    this.deadLetters = ports.deadLetters();
    this.classifier = ports.classifier();
    this.clock = ports.clock();
    this.probes = probes;
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
    Failure kind = classifier.classify(failure);
    if (all.length == 1 && kind == Failure.REJECTED_ROWS) {
      List<Rejection> isolated = reject(all, failure.getMessage());
      deadLetters.send(isolated);
      deadLettered.addAll(isolated);
      return;
    }
    List<Part> round = split(new Part(all, token), failure, kind);
    while (!round.isEmpty()) {
      round = nextRound(round);
    }
  }

  /** Tries every part of a round at once; returns the parts of the next round. */
  private List<Part> nextRound(List<Part> parts) throws SinkException {
    List<CompletableFuture<Outcome>> tries = new ArrayList<>(parts.size());
    for (Part part : parts) {
      tries.add(CompletableFuture.supplyAsync(() -> attempt(part), probes));
    }
    List<Part> next = new ArrayList<>();
    List<Rejection> isolated = new ArrayList<>();
    SinkException transientFailure = null;
    for (CompletableFuture<Outcome> attempt : tries) {
      Outcome outcome = join(attempt);
      if (outcome.failure() == null) {
        written += outcome.part().rows().length;
        deduplicated += outcome.result().deduplicated(outcome.part().rows().length);
      } else if (outcome.kind() == Failure.TRANSIENT || outcome.kind() == Failure.SCHEMA_CHANGED) {
        transientFailure = outcome.failure();
      } else if (outcome.part().rows().length == 1) {
        isolated.addAll(reject(outcome.part().rows(), outcome.failure().getMessage()));
      } else if (outcome.kind() != Failure.TOO_MANY_PARTITIONS
          && !clock.instant().isBefore(deadline)) {
        isolated.addAll(
            reject(
                outcome.part().rows(),
                "not isolated: bisection stopped after "
                    + timeLimit.toSeconds()
                    + " s; the server said: "
                    + outcome.failure().getMessage()));
      } else {
        next.addAll(split(outcome.part(), outcome.failure(), outcome.kind()));
      }
    }
    if (!isolated.isEmpty()) {
      deadLetters.send(isolated);
      deadLettered.addAll(isolated);
    }
    if (transientFailure != null) {
      throw transientFailure;
    }
    return next;
  }

  private Outcome attempt(Part part) {
    try {
      return new Outcome(part, sink.insert(insertOf(part)), null, null);
    } catch (SinkException e) {
      return new Outcome(part, null, e, classifier.classify(e));
    }
  }

  private static Outcome join(CompletableFuture<Outcome> attempt) throws SinkException {
    try {
      return attempt.join();
    } catch (CompletionException e) {
      throw new SinkException("a bisection probe failed: " + e.getCause(), e.getCause());
    }
  }

  private List<Part> split(Part part, SinkException failure, Failure kind) throws SinkException {
    if (kind == Failure.TRANSIENT || kind == Failure.SCHEMA_CHANGED) {
      throw failure;
    }
    int[] rows = part.rows();
    List<int[]> pieces = kind == Failure.TOO_MANY_PARTITIONS ? partitionGroups(rows) : List.of();
    if (pieces.size() < 2) {
      if (rows.length == 1) {
        throw new SinkException("one row spans too many partitions", 252, failure);
      }
      int half = rows.length / 2;
      pieces =
          List.of(Arrays.copyOfRange(rows, 0, half), Arrays.copyOfRange(rows, half, rows.length));
    }
    List<Part> parts = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      String label =
          (kind == Failure.TOO_MANY_PARTITIONS ? "k" + i + "-" : "") + span(pieces.get(i));
      parts.add(new Part(pieces.get(i), DeduplicationToken.part(part.token(), label)));
    }
    return parts;
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

  private List<Rejection> reject(int[] rows, String reason) {
    List<Rejection> rejected = new ArrayList<>(rows.length);
    for (int row : rows) {
      rejected.add(
          Rejection.of(batch.rowRecords().get(row), RejectReason.REJECTED_BY_CLICKHOUSE, reason));
    }
    return rejected;
  }

  private Insert insertOf(Part part) {
    int[] rows = part.rows();
    int first = rows[0];
    int last = rows[rows.length - 1];
    if (last - first + 1 == rows.length) {
      return new Insert(
          batch.encoder(),
          batch.body(),
          batch.rowStart(first),
          batch.rowEnd(last),
          rows.length,
          part.token());
    }
    RowBinaryBuffer body = new RowBinaryBuffer(batch.rowEnd(last) - batch.rowStart(first));
    for (int row : rows) {
      body.append(batch.body(), batch.rowStart(row), batch.rowEnd(row));
    }
    return new Insert(batch.encoder(), body, 0, body.size(), rows.length, part.token());
  }

  private static String span(int[] rows) {
    return "r" + rows[0] + "-" + rows[rows.length - 1] + "n" + rows.length;
  }
}
