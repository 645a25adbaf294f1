package io.batchline.consumer.kafka;

import io.batchline.consumer.batch.AssignedPartition;
import io.batchline.consumer.batch.BatchObserver;
import io.batchline.consumer.batch.EventBatcher;
import io.batchline.consumer.batch.Intent;
import io.batchline.consumer.batch.PartitionKey;
import io.batchline.consumer.batch.PipelineLog;
import io.batchline.consumer.batch.PipelineStage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's one Kafka thread: polls, hands records to the {@link EventBatcher}, pauses exactly
 * the partitions the batcher cannot take more from, and drains on stop. The Kafka consumer is used
 * from this thread only; {@link #stop()} just raises a flag, because {@code wakeup()} would abort a
 * commit in flight. If the loop dies, it says why and calls {@code onFatal}, which ends the process
 * with a non-zero exit.
 */
public final class KafkaPollLoop implements Runnable {

  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], ByteBuffer> consumer;
  private final String topic;
  private final EventBatcher batcher;
  private final TopicIds topicIds;
  private final LoopState state;
  private final Duration drainTimeout;
  private final Clock clock;
  private final PipelineLog log;
  private final Runnable onFatal;
  private final BatchObserver observer;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile int leftUncommitted = -1;

  public KafkaPollLoop(PollLoopParts parts, Duration drainTimeout, Clock clock, Runnable onFatal) {
    this.consumer = parts.consumer();
    this.topic = parts.topic();
    this.batcher = parts.batcher();
    this.topicIds = parts.topicIds();
    this.state = parts.state();
    this.log = parts.log();
    this.observer = parts.observer();
    this.drainTimeout = drainTimeout;
    this.clock = clock;
    this.onFatal = onFatal;
  }

  @Override
  public void run() {
    boolean failed = false;
    try {
      consumer.subscribe(List.of(topic), new RebalanceListener());
      while (running) {
        pollOnce();
      }
      log.info(() -> "stopping batch flusher");
      leftUncommitted = batcher.drain(clock.instant().plus(drainTimeout));
    } catch (RuntimeException | InterruptedException e) {
      failed = true;
      log.error(() -> "poll loop failed error=\"" + e + "\"", e);
      state.failed(e);
    } finally {
      try {
        consumer.close(Duration.ofSeconds(10));
      } finally {
        finished.countDown();
      }
    }
    if (failed) {
      onFatal.run();
    }
  }

  private void pollOnce() {
    applyPauses();
    for (PartitionKey partition : batcher.pinnedPartitions()) {
      try {
        batcher.position(
            partition,
            consumer.position(
                new TopicPartition(partition.topic(), partition.partition()), Duration.ZERO));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // not known yet; the next poll finds out
      }
    }
    Duration wait = batcher.timeUntilNextAction();
    long polling = System.nanoTime();
    ConsumerRecords<byte[], ByteBuffer> records =
        consumer.poll(wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait);
    if (!records.isEmpty()) {
      observer.stageBusy(PipelineStage.POLL, System.nanoTime() - polling);
      batcher.offer(ConsumedRecords.toSourceRecords(records));
    }
    batcher.advance();
    state.heartbeat(batcher.isFailing(), batcher.longestRetry(), lag());
  }

  private void applyPauses() {
    Set<PartitionKey> wanted = batcher.partitionsToPause();
    Set<TopicPartition> paused = consumer.paused();
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    for (TopicPartition tp : consumer.assignment()) {
      boolean shouldPause = wanted.contains(new PartitionKey(tp.topic(), tp.partition()));
      boolean isPaused = paused.contains(tp);
      if (shouldPause && !isPaused) {
        pause.add(tp);
      } else if (!shouldPause && isPaused) {
        resume.add(tp);
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
    state.paused(paused.size() + pause.size() - resume.size());
  }

  private long lag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
    }
    return total;
  }

  public void stop() {
    running = false;
  }

  /**
   * @return true when the loop finished in time and left nothing uncommitted
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && leftUncommitted == 0;
  }

  private final class RebalanceListener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info(() -> "partitions revoked, flushing before giving them up " + partitions);
      try {
        batcher.partitionsRevoked(keys(partitions), clock.instant().plus(drainTimeout));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while flushing revoked partitions", e);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn(() -> "partitions lost, their uncommitted events will be replayed " + partitions);
      batcher.partitionsLost(keys(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info(() -> "partitions assigned " + partitions);
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(30));
      Map<String, UUID> ids = new HashMap<>();
      List<AssignedPartition> assigned = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        UUID id = ids.computeIfAbsent(tp.topic(), topicIds::refresh);
        OffsetAndMetadata position = committed.get(tp);
        assigned.add(
            new AssignedPartition(
                new PartitionKey(tp.topic(), tp.partition()),
                id,
                position == null ? OptionalLong.empty() : OptionalLong.of(position.offset()),
                position == null ? Optional.empty() : Intent.parse(position.metadata())));
      }
      batcher.partitionsAssigned(assigned);
    }

    private static List<PartitionKey> keys(Collection<TopicPartition> partitions) {
      return partitions.stream().map(p -> new PartitionKey(p.topic(), p.partition())).toList();
    }
  }
}
