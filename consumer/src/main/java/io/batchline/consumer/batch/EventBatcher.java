package io.batchline.consumer.batch;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns polled Kafka records into batched ClickHouse inserts, and decides which offsets may be
 * committed.
 *
 * <p><b>Delivery guarantee (at least once, nothing skipped).</b> An offset is committed only after
 * every record below it in its partition has been acknowledged by ClickHouse or by the dead-letter
 * topic. A crash at any moment therefore loses nothing: uncommitted records are read again. The
 * rows written twice by such a replay carry the same id (and, on servers that support it, the same
 * insert deduplication token), so the ReplacingMergeTree table, or the server itself, collapses
 * them.
 *
 * <p><b>Failures.</b> A failed insert keeps the whole batch and commits nothing. Transient failures
 * are retried after an exponential backoff; meanwhile {@link #shouldPause()} tells the poll loop to
 * pause its partitions, so memory stays bounded however large the backlog. Failures that a bad row
 * causes are bisected: the rejected rows go to the dead-letter topic and the rest is inserted.
 *
 * <p>Not thread-safe: the poll loop is its only caller.
 */
public final class EventBatcher {

  private static final System.Logger LOG = System.getLogger(EventBatcher.class.getName());
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final FlushPolicy policy;
  private final EventDecoder decoder;
  private final BatchWriter writer;
  private final OffsetCommitter committer;
  private final RateLimiter rateLimiter;
  private final Backoff backoff;
  private final Clock clock;
  private final BatchObserver observer;

  private final ArrayDeque<SourceRecord> waiting = new ArrayDeque<>();
  private final BatchBuffer buffer = new BatchBuffer();
  private final OffsetLedger ledger = new OffsetLedger();
  private int consecutiveFailures;
  private Instant retryAt;

  public EventBatcher(
      FlushPolicy policy,
      EventDecoder decoder,
      EventSink sink,
      DeadLetterSink deadLetters,
      OffsetCommitter committer,
      RetryClassifier classifier,
      RateLimiter rateLimiter,
      Backoff backoff,
      Clock clock,
      BatchObserver observer) {
    this.policy = policy;
    this.decoder = decoder;
    this.writer = new BatchWriter(sink, deadLetters, classifier, observer);
    this.committer = committer;
    this.rateLimiter = rateLimiter;
    this.backoff = backoff;
    this.clock = clock;
    this.observer = observer;
  }

  /** Accepts records from one poll. They are in flight from now on. */
  public void offer(List<SourceRecord> records) {
    for (SourceRecord record : records) {
      ledger.track(record.partition(), record.offset());
      waiting.addLast(record);
    }
    observer.received(records.size());
  }

  /**
   * Moves waiting records into the buffer, flushing whenever a bound is reached, then flushes if
   * the buffer's time is up. Call after every poll.
   */
  public void process() {
    if (isFailing()) {
      if (clock.instant().isBefore(retryAt)) {
        return;
      }
      flush(FlushTrigger.RETRY);
    }
    while (!isFailing() && !waiting.isEmpty()) {
      SourceRecord next = waiting.peekFirst();
      if (!policy.hasRoomFor(buffer, next.sizeBytes())) {
        flush(buffer.size() >= policy.batchSize() ? FlushTrigger.SIZE : FlushTrigger.BYTES);
        continue;
      }
      if (!rateLimiter.tryAcquire()) {
        break;
      }
      waiting.pollFirst();
      add(decoder.decode(next));
      if (buffer.size() >= policy.batchSize()) {
        flush(FlushTrigger.SIZE);
      }
    }
    if (!isFailing()) {
      policy.due(buffer, clock.instant()).ifPresent(this::flush);
    }
    observer.buffer(buffer.size() + waiting.size(), buffer.bytes());
  }

  private void add(Decoded decoded) {
    Instant now = clock.instant();
    if (decoded instanceof Decoded.Valid valid) {
      buffer.add(valid.event(), now);
    } else if (decoded instanceof Decoded.Invalid invalid) {
      Rejection rejection = invalid.rejection();
      LOG.log(
          Level.WARNING,
          () ->
              "failed to add events to batch error=\""
                  + rejection.detail()
                  + "\" reason="
                  + rejection.reason().label()
                  + " event_id="
                  + rejection.eventId()
                  + " event_name="
                  + rejection.eventName()
                  + " source="
                  + rejection.record().positionId());
      buffer.add(rejection, now);
    }
  }

  /** True while the last write failed and the batch waits for its retry. */
  public boolean isFailing() {
    return retryAt != null;
  }

  /**
   * The poll loop pauses its partitions while this is true, and keeps polling: while a write is
   * failing, or while records wait for the rate limit.
   */
  public boolean shouldPause() {
    return isFailing() || !waiting.isEmpty();
  }

  /** How long the poll loop may block before {@link #process()} has work to do. */
  public Duration timeUntilNextAction() {
    Instant now = clock.instant();
    Instant next = isFailing() ? retryAt : policy.deadline(buffer).orElse(now.plus(IDLE_WAIT));
    if (!isFailing() && !waiting.isEmpty()) {
      Instant permit = now.plus(rateLimiter.untilNextPermit());
      next = permit.isBefore(next) ? permit : next;
    }
    Duration wait = Duration.between(now, next);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * Flushes and commits before partitions are given up in a rebalance. If the write fails, the
   * revoked partitions' records are dropped uncommitted, so their next owner reads them again.
   */
  public void partitionsRevoked(Collection<PartitionKey> revoked) {
    flush(FlushTrigger.REBALANCE);
    // Also when nothing was buffered: an earlier commit may have failed, and the next owner would
    // write those rows again.
    commit();
    drop(revoked);
  }

  /** Partitions lost without a chance to commit: forget them, their records will be replayed. */
  public void partitionsLost(Collection<PartitionKey> lost) {
    drop(lost);
  }

  private void drop(Collection<PartitionKey> partitions) {
    buffer.removePartitions(partitions);
    waiting.removeIf(r -> partitions.contains(r.partition()));
    ledger.forget(partitions);
    if (buffer.isEmpty()) {
      // The failed batch left with its partitions: there is nothing to retry, so stop pausing.
      retryAt = null;
      consecutiveFailures = 0;
    }
  }

  /**
   * Writes everything still buffered and commits it, retrying with backoff until the deadline.
   *
   * @return true when nothing is left undelivered
   */
  public boolean drain(Instant deadline, Sleeper sleeper) throws InterruptedException {
    while (true) {
      process();
      flush(FlushTrigger.SHUTDOWN);
      if (!isFailing() && waiting.isEmpty() && buffer.isEmpty()) {
        // The last flush may have been written with its commit failing; commit before leaving.
        commit();
        return true;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        return false;
      }
      Instant wakeAt = retryAt == null || retryAt.isAfter(deadline) ? deadline : retryAt;
      sleeper.sleep(Duration.between(now, wakeAt));
    }
  }

  /** Waits for a duration; injected so tests can advance a fake clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private void flush(FlushTrigger trigger) {
    if (buffer.isEmpty()) {
      return;
    }
    Batch batch = buffer.snapshot();
    Instant start = clock.instant();
    if (!batch.events().isEmpty()) {
      LOG.log(Level.INFO, () -> "flushing batch to ClickHouse batch_size=" + batch.events().size());
    }
    try {
      writer.deadLetter(batch.rejections());
      finish(batch.rejections());
      buffer.clearRejections();
      writer.write(batch.events());
    } catch (SinkException e) {
      failed(trigger, batch, e, start);
      return;
    }
    buffer.clear();
    batch.events().forEach(event -> ledger.finish(event.partition(), event.offset()));
    consecutiveFailures = 0;
    retryAt = null;
    Duration took = Duration.between(start, clock.instant());
    if (!batch.events().isEmpty()) {
      LOG.log(
          Level.INFO,
          () ->
              "successfully flushed batch to ClickHouse batch_size="
                  + batch.events().size()
                  + " duration_ms="
                  + took.toMillis()
                  + " trigger="
                  + trigger.label());
    }
    observer.flushed(trigger, batch.events(), took);
    commit();
  }

  private void finish(List<Rejection> rejections) {
    rejections.forEach(r -> ledger.finish(r.record().partition(), r.record().offset()));
  }

  private void failed(FlushTrigger trigger, Batch batch, SinkException e, Instant start) {
    consecutiveFailures++;
    Duration delay = backoff.delay(consecutiveFailures);
    retryAt = clock.instant().plus(delay);
    LOG.log(
        Level.ERROR,
        () ->
            "failed to flush batch to ClickHouse error=\""
                + e.getMessage()
                + "\" batch_size="
                + batch.events().size()
                + " attempt="
                + consecutiveFailures
                + " retry_in_ms="
                + delay.toMillis());
    observer.flushFailed(
        trigger,
        batch.events().size(),
        writer.isTransient(e),
        Duration.between(start, clock.instant()));
  }

  private void commit() {
    Map<PartitionKey, Long> offsets = ledger.committable();
    if (offsets.isEmpty()) {
      return;
    }
    try {
      committer.commit(offsets);
      ledger.markCommitted(offsets);
      observer.committed(offsets.size());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          () -> "offset commit failed, will retry with the next flush error=\"" + e + "\"");
    }
  }

  public int inFlight() {
    return ledger.inFlight();
  }
}
