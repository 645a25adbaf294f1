package io.batchline.consumer.batch;

import io.batchline.consumer.batch.WriterPool.Completion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Applies what the writer threads report to a partition's lane, and logs it. */
final class Completions {

  private final PipelineLog log;
  private final Backoff backoff;
  private final BatchObserver observer;

  Completions(PipelineLog log, Backoff backoff, BatchObserver observer) {
    this.log = log;
    this.backoff = backoff;
    this.observer = observer;
  }

  void apply(Completion completion, PartitionLane lane, Instant now) {
    InFlightBatch batch = completion.batch();
    if (completion instanceof WriterPool.Encoded encoded) {
      batch.encoded = encoded.encoded();
      batch.stage = InFlightBatch.Stage.ENCODED;
      if (batch.intent == null) {
        PendingBatch pending = batch.pending;
        batch.intent =
            new Intent(
                pending.range(),
                pending.ingestedAt(),
                DeduplicationToken.of(
                    lane.topicId,
                    pending.partition(),
                    pending.range(),
                    encoded.encoded().digest()));
      }
    } else if (completion instanceof WriterPool.Wrote wrote) {
      deadLettered(wrote.outcome().deadLettered());
      if (wrote.outcome() instanceof WriteOutcome.Written written) {
        written(batch, written);
      } else if (wrote.outcome() instanceof WriteOutcome.Failed failed) {
        failed(lane, batch, failed, now);
      }
    } else if (completion instanceof WriterPool.Crashed crashed) {
      throw new IllegalStateException(
          "a writer thread failed on partition " + lane.partition, crashed.error());
    }
  }

  private void written(InFlightBatch batch, WriteOutcome.Written written) {
    batch.stage = InFlightBatch.Stage.WRITTEN;
    PendingBatch pending = batch.pending;
    FlushTrigger trigger = batch.failures > 0 ? FlushTrigger.RETRY : pending.trigger();
    log.info(
        () ->
            "successfully flushed batch to ClickHouse batch_size="
                + written.rows()
                + " duration_ms="
                + written.took().toMillis()
                + " trigger="
                + trigger.label()
                + " partition="
                + pending.partition()
                + " first_offset="
                + pending.range().first()
                + " last_offset="
                + pending.range().last()
                + " token="
                + batch.intent.token()
                + (written.deduplicated() > 0 ? " deduplicated=" + written.deduplicated() : "")
                + (written.deadLettered().isEmpty()
                    ? ""
                    : " dead_lettered=" + written.deadLettered().size()));
    observer.flushed(trigger, written.rows(), written.took(), batch.encoded.oldestEventTime());
    if (written.deduplicated() > 0) {
      observer.deduplicated(written.deduplicated());
    }
  }

  private void failed(
      PartitionLane lane, InFlightBatch batch, WriteOutcome.Failed failed, Instant now) {
    batch.failures++;
    if (batch.failingSince == null) {
      batch.failingSince = now;
    }
    Duration delay = backoff.delay(batch.failures);
    batch.retryAt = now.plus(delay);
    batch.stage = InFlightBatch.Stage.RETRY_WAIT;
    PendingBatch pending = batch.pending;
    log.error(
        () ->
            "failed to flush batch to ClickHouse error=\""
                + failed.cause().getMessage()
                + "\" batch_size="
                + batch.encoded.rows()
                + " attempt="
                + batch.failures
                + (lane.finishing != null ? " giving_up=true" : " retry_in_ms=" + delay.toMillis())
                + " partition="
                + pending.partition()
                + " first_offset="
                + pending.range().first()
                + " last_offset="
                + pending.range().last(),
        null);
    observer.flushFailed(
        pending.trigger(), batch.encoded.rows(), !failed.rejectedRows(), failed.took());
  }

  private void deadLettered(List<Rejection> rejections) {
    if (rejections.isEmpty()) {
      return;
    }
    for (Rejection rejection : rejections) {
      log.warn(
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
    }
    observer.deadLettered(rejections);
  }
}
