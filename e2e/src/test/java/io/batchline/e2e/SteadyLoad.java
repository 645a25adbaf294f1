package io.batchline.e2e;

import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events 0, 1, 2, ... of a generator at a steady rate on a background thread, until stopped: a
 * scenario keeps the load on until what it tests is over, however long that takes on a busy
 * machine, and then knows exactly which ids were produced.
 */
final class SteadyLoad implements AutoCloseable {

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicLong sent = new AtomicLong();
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private volatile Instant stoppedAt;

  private SteadyLoad(String bootstrapServers, String topic, EventGenerator events, int rate) {
    var thread =
        new Thread(
            () -> {
              try (var producer = new EventProducer(bootstrapServers)) {
                long started = System.nanoTime();
                for (long i = 0; !stopping.get(); i++) {
                  long wait = started + i * 1_000_000_000L / rate - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  producer.send(topic, events.customer(i), events.json(i));
                  sent.set(i + 1);
                }
                producer.flush();
                done.complete(sent.get());
              } catch (InterruptedException e) {
                done.completeExceptionally(e);
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            },
            "steady-load-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  static SteadyLoad start(String bootstrapServers, String topic, EventGenerator events, int rate) {
    E2eLog.say("load on %s: %d events/s until stopped", topic, rate);
    return new SteadyLoad(bootstrapServers, topic, events, rate);
  }

  long sent() {
    return sent.get();
  }

  /** Stops producing; returns the number of events produced, every one acknowledged by Kafka. */
  long stop() {
    stopping.set(true);
    try {
      var count = done.get(1, TimeUnit.MINUTES);
      stoppedAt = Instant.now();
      E2eLog.say("load stopped after %d events", count);
      return count;
    } catch (ExecutionException e) {
      throw new IllegalStateException("producing failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the load did not stop within a minute");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** When {@link #stop()} returned, or null while the load runs. */
  Instant stoppedAt() {
    return stoppedAt;
  }

  /** Waits until the pipeline has written some of what was produced from now on. */
  void awaitWrittenFromNow(IdCheck ids, EventGenerator events) {
    var mark = sent();
    org.awaitility.Awaitility.await("events produced after #" + mark + " written")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ids.present(events) > mark);
  }

  @Override
  public void close() {
    if (!done.isDone()) {
      stopping.set(true);
      done.join();
    }
  }
}
