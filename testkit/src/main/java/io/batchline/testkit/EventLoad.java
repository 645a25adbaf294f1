package io.batchline.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events {@code 0..count-1} of a generator, produced at a steady rate on a background thread, so
 * that a fault test can kill, stop or restart something while the load runs.
 */
public final class EventLoad implements AutoCloseable {

  private final long from;
  private final long count;
  private final AtomicLong sent = new AtomicLong();
  private final CompletableFuture<Duration> done = new CompletableFuture<>();
  private final Thread thread;

  private EventLoad(
      String bootstrapServers,
      String topic,
      EventGenerator generator,
      long from,
      long count,
      int ratePerSecond) {
    this.from = from;
    this.count = count;
    this.thread =
        new Thread(
            () -> run(bootstrapServers, topic, generator, ratePerSecond), "event-load-" + topic);
    thread.setDaemon(true);
  }

  /** Starts producing; {@code ratePerSecond} 0 means as fast as the broker takes them. */
  public static EventLoad start(
      String bootstrapServers,
      String topic,
      EventGenerator generator,
      long count,
      int ratePerSecond) {
    return start(bootstrapServers, topic, generator, 0, count, ratePerSecond);
  }

  /** Starts producing events {@code from..from+count-1}. */
  public static EventLoad start(
      String bootstrapServers,
      String topic,
      EventGenerator generator,
      long from,
      long count,
      int ratePerSecond) {
    EventLoad load = new EventLoad(bootstrapServers, topic, generator, from, count, ratePerSecond);
    load.thread.start();
    return load;
  }

  private void run(String bootstrapServers, String topic, EventGenerator generator, int rate) {
    long started = System.nanoTime();
    try (EventProducer producer = new EventProducer(bootstrapServers)) {
      producer.produce(topic, generator, from, count, rate, 100, sent::set);
      sent.set(count);
      done.complete(Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  public long count() {
    return count;
  }

  /** Events handed to the producer so far (acknowledged once {@link #isDone()}). */
  public long sent() {
    return sent.get();
  }

  /** True once every event is acknowledged by the broker, or producing failed. */
  public boolean isDone() {
    return done.isDone();
  }

  /**
   * Waits until every event is acknowledged by the broker.
   *
   * @return how long producing took
   * @throws IllegalStateException when a send failed or the load is not done in time
   */
  public Duration await(Duration timeout) {
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("producing failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "load not done within " + timeout + ": sent " + sent() + " of " + count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
