package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.EventBatcher;
import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.SourceRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The consumer's one thread: polls Kafka, hands records to the {@link EventBatcher}, pauses the
 * partitions while the batcher cannot take more, and drains on stop. The Kafka consumer is used
 * from this thread only; {@link #stop()} just raises a flag, because {@code wakeup()} would abort a
 * commit in flight.
 */
public final class KafkaPollLoop implements Runnable {

  private static final System.Logger LOG = System.getLogger(KafkaPollLoop.class.getName());
  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final EventBatcher batcher;
  private final LoopState state;
  private final Duration drainTimeout;
  private final Clock clock;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean drained;
  private boolean paused;

  public KafkaPollLoop(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      EventBatcher batcher,
      LoopState state,
      Duration drainTimeout,
      Clock clock) {
    this.consumer = consumer;
    this.topic = topic;
    this.batcher = batcher;
    this.state = state;
    this.drainTimeout = drainTimeout;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new RebalanceListener());
      while (running) {
        pollOnce();
      }
      LOG.log(Level.INFO, "stopping batch flusher");
      drained = batcher.drain(clock.instant().plus(drainTimeout), d -> Thread.sleep(d.toMillis()));
      if (!drained) {
        LOG.log(
            Level.ERROR,
            "drain timed out; "
                + batcher.inFlight()
                + " events stay uncommitted and will be read again by the next consumer");
      }
    } catch (RuntimeException | InterruptedException e) {
      LOG.log(Level.ERROR, "poll loop failed error=\"" + e + "\"", e);
      state.failed(e);
    } finally {
      try {
        consumer.close(Duration.ofSeconds(10));
      } finally {
        finished.countDown();
      }
    }
  }

  private void pollOnce() {
    boolean shouldPause = batcher.shouldPause();
    if (shouldPause != paused) {
      if (shouldPause) {
        consumer.pause(consumer.assignment());
      } else {
        consumer.resume(consumer.paused());
      }
      paused = shouldPause;
      state.paused(paused);
    } else if (paused) {
      consumer.pause(consumer.assignment());
    }
    Duration wait = batcher.timeUntilNextAction();
    ConsumerRecords<byte[], byte[]> records =
        consumer.poll(wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait);
    if (!records.isEmpty()) {
      batcher.offer(toSourceRecords(records));
    }
    batcher.process();
    state.heartbeat(batcher.isFailing(), lag());
  }

  private long lag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
    }
    return total;
  }

  private static List<SourceRecord> toSourceRecords(ConsumerRecords<byte[], byte[]> records) {
    List<SourceRecord> result = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      result.add(
          new SourceRecord(
              new PartitionKey(record.topic(), record.partition()),
              record.offset(),
              record.timestamp(),
              record.value(),
              record.key(),
              name -> {
                Header header = record.headers().lastHeader(name);
                return header == null ? null : header.value();
              }));
    }
    return result;
  }

  public void stop() {
    running = false;
  }

  /**
   * @return true when the loop finished in time and left nothing undelivered
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && drained;
  }

  private final class RebalanceListener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.log(Level.INFO, "partitions revoked, flushing before giving them up " + partitions);
        batcher.partitionsRevoked(keys(partitions));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.log(
          Level.WARNING,
          "partitions lost, their uncommitted events will be replayed " + partitions);
      batcher.partitionsLost(keys(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.log(Level.INFO, "partitions assigned " + partitions);
      }
      if (paused) {
        consumer.pause(partitions);
      }
    }

    private static List<PartitionKey> keys(Collection<TopicPartition> partitions) {
      return partitions.stream().map(p -> new PartitionKey(p.topic(), p.partition())).toList();
    }
  }
}
