package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs encoding and writing on the writer threads and hands the results back to the poll thread,
 * which alone changes the pipeline's state.
 */
final class WriterPool {

  /** A finished task, picked up by the poll thread. */
  sealed interface Completion permits Encoded, Wrote, Crashed {
    InFlightBatch batch();
  }

  record Encoded(InFlightBatch batch, EncodedBatch encoded) implements Completion {}

  record Wrote(InFlightBatch batch, WriteOutcome outcome) implements Completion {}

  /** A task failed in a way no input should cause: a bug. */
  record Crashed(InFlightBatch batch, Throwable error) implements Completion {}

  private final Executor executor;
  private final BatchWriter writer;
  private final BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
  private int running;

  WriterPool(Executor executor, BatchWriter writer) {
    this.executor = executor;
    this.writer = writer;
  }

  void encode(InFlightBatch batch) {
    submit(batch, () -> new Encoded(batch, writer.encode(batch.pending)));
  }

  void write(InFlightBatch batch) {
    submit(batch, () -> new Wrote(batch, writer.write(batch)));
  }

  private void submit(InFlightBatch batch, java.util.function.Supplier<Completion> task) {
    running++;
    executor.execute(
        () -> {
          Completion completion;
          try {
            completion = task.get();
          } catch (RuntimeException | Error e) {
            completion = new Crashed(batch, e);
          }
          done.add(completion);
        });
  }

  /** A finished task, or null when none has finished. */
  Completion poll() {
    Completion completion = done.poll();
    if (completion != null) {
      running--;
    }
    return completion;
  }

  /** Waits up to {@code timeout} for a task to finish; null when none did. */
  Completion await(Duration timeout) throws InterruptedException {
    Completion completion = done.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (completion != null) {
      running--;
    }
    return completion;
  }

  /** Tasks handed out and not yet picked up. */
  int running() {
    return running;
  }
}
