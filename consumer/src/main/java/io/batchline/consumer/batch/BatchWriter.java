package io.batchline.consumer.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one batch: rejected records to the dead-letter topic, events to ClickHouse. When
 * ClickHouse rejects the batch for its data, the batch is bisected until the rejected rows are
 * isolated; those rows become rejections and the rest is written. Any other failure is thrown, so
 * the caller keeps the whole batch and retries it.
 */
final class BatchWriter {

  private final EventSink sink;
  private final DeadLetterSink deadLetters;
  private final RetryClassifier classifier;
  private final BatchObserver observer;

  BatchWriter(
      EventSink sink,
      DeadLetterSink deadLetters,
      RetryClassifier classifier,
      BatchObserver observer) {
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.classifier = classifier;
    this.observer = observer;
  }

  void deadLetter(List<Rejection> rejections) throws SinkException {
    if (!rejections.isEmpty()) {
      deadLetters.send(rejections);
      observer.deadLettered(rejections);
    }
  }

  /** Writes the events; the rows ClickHouse rejects are dead-lettered instead. */
  void write(List<Event> events) throws SinkException {
    deadLetter(writeIsolatingRejectedRows(events));
  }

  boolean isTransient(SinkException failure) {
    return classifier.classify(failure) == RetryClassifier.Failure.TRANSIENT;
  }

  private List<Rejection> writeIsolatingRejectedRows(List<Event> events) throws SinkException {
    if (events.isEmpty()) {
      return List.of();
    }
    try {
      sink.write(events);
      return List.of();
    } catch (SinkException e) {
      if (isTransient(e)) {
        throw e;
      }
      if (events.size() == 1) {
        Event event = events.get(0);
        return List.of(
            Rejection.of(event.origin(), RejectReason.REJECTED_BY_CLICKHOUSE, e.getMessage()));
      }
      int half = events.size() / 2;
      List<Rejection> rejected =
          new ArrayList<>(writeIsolatingRejectedRows(events.subList(0, half)));
      rejected.addAll(writeIsolatingRejectedRows(events.subList(half, events.size())));
      return rejected;
    }
  }
}
