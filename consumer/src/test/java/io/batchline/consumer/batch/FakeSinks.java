package io.batchline.consumer.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** In-memory stand-ins for ClickHouse, the dead-letter topic and the Kafka committer. */
final class FakeSinks implements EventSink, DeadLetterSink, OffsetCommitter {

  final List<List<Event>> inserts = new ArrayList<>();
  final List<String> tokens = new ArrayList<>();
  final List<Rejection> deadLetters = new ArrayList<>();
  final List<Map<PartitionKey, Long>> commits = new ArrayList<>();
  int failNextWrites;
  int failNextCommits;
  Integer failureCode;
  Predicate<Event> rejectedByServer = e -> false;

  @Override
  public void write(List<Event> events) throws SinkException {
    if (failNextWrites > 0) {
      failNextWrites--;
      throw new SinkException("Connection refused", failureCode, null);
    }
    if (events.stream().anyMatch(rejectedByServer)) {
      throw new SinkException("Code: 53. Type mismatch", 53, null);
    }
    inserts.add(List.copyOf(events));
    tokens.add(DeduplicationToken.of(events));
  }

  @Override
  public void send(List<Rejection> rejections) {
    deadLetters.addAll(rejections);
  }

  @Override
  public void commit(Map<PartitionKey, Long> offsets) {
    if (failNextCommits > 0) {
      failNextCommits--;
      throw new IllegalStateException("RebalanceInProgressException");
    }
    commits.add(new HashMap<>(offsets));
  }

  int rowsWritten() {
    return inserts.stream().mapToInt(List::size).sum();
  }

  Map<PartitionKey, Long> lastCommit() {
    return commits.isEmpty() ? Map.of() : commits.get(commits.size() - 1);
  }
}
