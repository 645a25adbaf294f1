package io.batchline.consumer.batch;

import io.batchline.consumer.batch.RetryClassifier.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch, on a writer thread: its rejected records to the dead-letter topic, then its
 * rows in one insert under the batch's token. When the server refuses the insert, the {@link
 * RetryClassifier} says what to do: read the table's schema again and encode anew when its columns
 * changed; isolate and dead-letter rejected rows, or split by partition key ({@link RowIsolation});
 * otherwise give up this attempt, keeping the batch for a retry.
 */
public final class BatchWriter {

  private final WriterPorts ports;
  private final Duration bisectTimeLimit;
  private final int maxEventBytes;
  private final PipelineLog log;
  private final BatchObserver observer;
  private final BodySizeEstimate bodySizes = new BodySizeEstimate();

  public BatchWriter(
      WriterPorts ports,
      Duration bisectTimeLimit,
      int maxEventBytes,
      PipelineLog log,
      BatchObserver observer) {
    this.ports = ports;
    this.bisectTimeLimit = bisectTimeLimit;
    this.maxEventBytes = maxEventBytes;
    this.log = log;
    this.observer = observer;
  }

  /** Encodes a cut batch with the table's current encoder. */
  EncodedBatch encode(PendingBatch batch) {
    long started = System.nanoTime();
    EncodedBatch encoded =
        BatchEncoder.encode(batch, ports.sink().encoder(), maxEventBytes, bodySizes);
    observer.stageBusy(PipelineStage.ENCODE, System.nanoTime() - started);
    return encoded;
  }

  WriteOutcome write(InFlightBatch flight) {
    Instant start = ports.clock().instant();
    List<Rejection> deadLettered = new ArrayList<>();
    PendingBatch pending = flight.pending;
    if (flight.encoded.rows() > 0) {
      log.info(
          () ->
              "flushing batch to ClickHouse batch_size="
                  + flight.encoded.rows()
                  + " partition="
                  + pending.partition()
                  + " first_offset="
                  + pending.range().first()
                  + " last_offset="
                  + pending.range().last()
                  + " token="
                  + flight.intent.token());
    }
    try {
      if (!flight.rejectionsSent) {
        send(flight.encoded.rejections(), deadLettered);
        flight.rejectionsSent = true;
      }
      long inserting = System.nanoTime();
      int[] counts;
      try {
        counts = insertRows(flight, deadLettered, true);
      } finally {
        observer.stageBusy(PipelineStage.INSERT, System.nanoTime() - inserting);
      }
      return new WriteOutcome.Written(counts[0], counts[1], deadLettered, took(start));
    } catch (SinkException e) {
      boolean rows = ports.classifier().classify(e) == Failure.REJECTED_ROWS;
      return new WriteOutcome.Failed(e, rows, deadLettered, took(start));
    }
  }

  /** Returns {rows written, rows deduplicated}. */
  private int[] insertRows(InFlightBatch flight, List<Rejection> deadLettered, boolean mayReload)
      throws SinkException {
    EncodedBatch batch = flight.encoded;
    if (batch.rows() == 0) {
      return new int[] {0, 0};
    }
    String token = flight.intent.token();
    try {
      InsertResult result =
          ports
              .sink()
              .insert(
                  new Insert(
                      batch.encoder(), batch.body(), 0, batch.body().size(), batch.rows(), token));
      return new int[] {batch.rows(), result.deduplicated(batch.rows())};
    } catch (SinkException e) {
      Failure kind = ports.classifier().classify(e);
      if (kind == Failure.TRANSIENT) {
        throw e;
      }
      if (mayReload && (kind == Failure.SCHEMA_CHANGED || kind == Failure.REJECTED_ROWS)) {
        ports.sink().reloadSchema();
        if (ports.sink().encoder() != batch.encoder()) {
          reencode(flight, deadLettered);
          return insertRows(flight, deadLettered, false);
        }
      }
      if (kind == Failure.SCHEMA_CHANGED) {
        // The server cannot read rows encoded for the columns it lists: no row is at fault, so
        // the batch waits (visibly) instead of being dead-lettered row by row.
        throw e;
      }
      RowIsolation isolation =
          new RowIsolation(ports, ports.probes(), bisectTimeLimit, batch, deadLettered);
      isolation.recover(token, e);
      return new int[] {isolation.written(), isolation.deduplicated()};
    }
  }

  /**
   * Encodes the batch again for the table's new columns. Records that no longer fit are
   * dead-lettered; those rejected before were sent already. The token stays the one recorded in the
   * intent: nothing of this batch was inserted under it, and a replay must find it.
   */
  private void reencode(InFlightBatch flight, List<Rejection> deadLettered) throws SinkException {
    Set<Long> alreadySent = new HashSet<>();
    flight.encoded.rejections().forEach(r -> alreadySent.add(r.record().offset()));
    flight.encoded = encode(flight.pending);
    log.warn(
        () ->
            "table columns changed, batch encoded again partition="
                + flight.pending.partition()
                + " first_offset="
                + flight.pending.range().first()
                + " last_offset="
                + flight.pending.range().last()
                + " rows="
                + flight.encoded.rows()
                + " rejected="
                + flight.encoded.rejections().size());
    List<Rejection> fresh =
        flight.encoded.rejections().stream()
            .filter(r -> !alreadySent.contains(r.record().offset()))
            .toList();
    send(fresh, deadLettered);
  }

  private void send(List<Rejection> rejections, List<Rejection> deadLettered) throws SinkException {
    if (!rejections.isEmpty()) {
      long started = System.nanoTime();
      try {
        ports.deadLetters().send(rejections);
      } finally {
        observer.stageBusy(PipelineStage.DEAD_LETTER, System.nanoTime() - started);
      }
      deadLettered.addAll(rejections);
    }
  }

  private Duration took(Instant start) {
    return Duration.between(start, ports.clock().instant());
  }
}
