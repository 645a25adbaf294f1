package io.batchline.consumer.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns polled Kafka records into ClickHouse inserts, one partition's contiguous offset range per
 * insert, and decides which offsets may be committed. Runs on the poll thread; encoding and
 * inserting run on writer threads ({@link WriterPool}), so polling, encoding and writing overlap.
 *
 * <p><b>At least once.</b> A partition's offset moves past a record only after the record is in
 * ClickHouse or in the dead-letter topic. A crash at any moment loses nothing: uncommitted records
 * are read again.
 *
 * <p><b>Exactly once on servers with deduplication tokens.</b> Before a batch {@code [a, b]} is
 * inserted, its {@link Intent} (range, ingestion time, token) is committed as the metadata of
 * offset {@code a} ({@link LaneCommits}); after the insert, {@code b + 1} is committed. Whoever
 * owns the partition next reads the intent, cuts its first batch to exactly {@code [a, b]}, encodes
 * it with the same ingestion time and sends the recorded token, so the server drops the replay of
 * an insert that had succeeded. {@code docs/delivery.md} goes through every case.
 *
 * <p><b>Nothing stalls silently.</b> Every failure ends written, dead-lettered with a reason, or
 * retried with backoff while {@link #longestRetry()} grows, which health checks and metrics show.
 * Memory is bounded by the {@link InFlightBudget}: partitions whose records cannot be taken are
 * paused, and polling goes on, so the consumer stays in its group.
 */
public final class EventBatcher {

  private static final int MAX_STEPS_PER_ADVANCE = 64;
  private static final Duration COMMIT_RETRY = Duration.ofSeconds(1);
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
  private static final Duration BUSY_WAIT = Duration.ofMillis(5);

  private final BatcherSettings settings;
  private final OffsetCommitter committer;
  private final WriterPool pool;
  private final Clock clock;
  private final PipelineLog log;
  private final BatchObserver observer;
  private final Completions completions;
  private final Lanes lanes = new Lanes();
  private Instant commitRetryAt;
  private Instant commitFailingSince;

  public EventBatcher(
      BatcherSettings settings,
      BatcherPorts ports,
      Clock clock,
      PipelineLog log,
      BatchObserver observer) {
    this.settings = settings;
    this.committer = ports.committer();
    BatchWriter writer =
        new BatchWriter(
            ports.writer(),
            settings.bisectTimeLimit(),
            settings.maxEventBytes(),
            log.forClass(BatchWriter.class),
            observer);
    this.pool = new WriterPool(ports.writers(), writer);
    this.clock = clock;
    this.log = log;
    this.observer = observer;
    this.completions = new Completions(log, settings.backoff(), observer);
  }

  public void partitionsAssigned(Collection<AssignedPartition> assigned) {
    for (AssignedPartition partition : assigned) {
      Optional<Intent> replay =
          partition
              .intent()
              .filter(
                  intent ->
                      partition.committedOffset().isPresent()
                          && intent.range().first() == partition.committedOffset().getAsLong());
      replay.ifPresent(
          intent ->
              log.info(
                  () ->
                      "resuming an interrupted batch: the first batch is cut to its recorded range"
                          + " partition="
                          + partition.partition()
                          + " range="
                          + intent.range()
                          + " token="
                          + intent.token()));
      lanes.add(new PartitionLane(partition.partition(), partition.topicId(), replay));
    }
  }

  /** Accepts records from one poll; they are held until written or given up uncommitted. */
  public void offer(List<SourceRecord> records) {
    for (SourceRecord record : records) {
      PartitionLane lane = lanes.get(record.partition());
      if (lane != null) {
        lane.hold(record);
      }
    }
    observer.received(records.size());
  }

  /** Moves every partition as far as it can go now. Call after every poll. */
  public void advance() {
    int steps = 0;
    while (steps++ < MAX_STEPS_PER_ADVANCE && step(clock.instant())) {
      // each step may unblock the next: an encoded batch's intent, then its write
    }
    observer.buffer(lanes.heldRecords(), lanes.heldBytes());
  }

  private boolean step(Instant now) {
    boolean progress = false;
    for (WriterPool.Completion c = pool.poll(); c != null; c = pool.poll()) {
      progress |= apply(c, now);
    }
    // A used-up budget cuts the open batches short only when no batch is in flight: one in
    // flight gives its share back when it completes, and cutting meanwhile only makes more,
    // smaller inserts for the writers to queue.
    boolean budgetStalled =
        settings.budget().isUsedUp(lanes.heldRecords(), lanes.heldBytes())
            && !lanes.anyBatchInFlight();
    for (PartitionLane lane : lanes.all()) {
      progress |= LaneStep.run(lane, settings, now, budgetStalled, pool, log);
      InFlightBatch head = lane.head();
      if (head != null
          && head.stage == InFlightBatch.Stage.RETRY_WAIT
          && !now.isBefore(head.retryAt)) {
        startWrite(head);
        progress = true;
      }
    }
    progress |= commit(now);
    for (PartitionLane lane : lanes.all()) {
      InFlightBatch head = lane.head();
      if (head != null && head.stage == InFlightBatch.Stage.ENCODED && head.intentCommitted) {
        startWrite(head);
        progress = true;
      }
    }
    return progress;
  }

  private void startWrite(InFlightBatch batch) {
    batch.stage = InFlightBatch.Stage.WRITING;
    pool.write(batch);
  }

  private boolean apply(WriterPool.Completion completion, Instant now) {
    PartitionLane lane = lanes.get(completion.batch().pending.partition());
    if (lane == null || !lane.batches.contains(completion.batch())) {
      return false;
    }
    completions.apply(completion, lane, now);
    if (lane.finishing != null && completion.batch().stage == InFlightBatch.Stage.RETRY_WAIT) {
      giveUp(lane);
    }
    return true;
  }

  private boolean commit(Instant now) {
    if (commitRetryAt != null && now.isBefore(commitRetryAt)) {
      return false;
    }
    List<LaneCommits.Planned> planned = LaneCommits.plan(lanes.all());
    if (planned.isEmpty()) {
      return false;
    }
    long started = System.nanoTime();
    try {
      committer.commit(LaneCommits.positions(planned));
    } catch (RuntimeException e) {
      observer.stageBusy(PipelineStage.COMMIT, System.nanoTime() - started);
      if (commitFailingSince == null) {
        commitFailingSince = now;
      }
      commitRetryAt = now.plus(COMMIT_RETRY);
      log.warn(() -> "offset commit failed, will retry error=\"" + e + "\"");
      return false;
    }
    observer.stageBusy(PipelineStage.COMMIT, System.nanoTime() - started);
    LaneCommits.committed(planned);
    commitFailingSince = null;
    commitRetryAt = null;
    observer.committed(planned.size());
    return true;
  }

  /** The partitions to pause now: those holding records they cannot take yet, or all of them. */
  public Set<PartitionKey> partitionsToPause() {
    return lanes.toPause(settings.budget());
  }

  /**
   * Partitions whose first batch is pinned to a recorded range: the poll loop reports positions.
   */
  public Set<PartitionKey> pinnedPartitions() {
    return lanes.pinned();
  }

  public void position(PartitionKey partition, long position) {
    PartitionLane lane = lanes.get(partition);
    if (lane != null) {
      lane.position = position;
    }
  }

  /** How long the poll loop may block before {@link #advance()} has work to do. */
  public Duration timeUntilNextAction() {
    if (pool.running() > 0) {
      return BUSY_WAIT;
    }
    Instant now = clock.instant();
    Instant next =
        lanes.nextTimer(now, now.plus(IDLE_WAIT), settings.policy(), settings.rateLimiter());
    if (commitRetryAt != null && commitRetryAt.isBefore(next)) {
      next = commitRetryAt;
    }
    Duration wait = Duration.between(now, next);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** True while some batch's last write failed and it waits for its retry. */
  public boolean isFailing() {
    return lanes.oldestFailure().isPresent();
  }

  /** How long the oldest unresolved failure (a write or a commit) has been retried. */
  public Duration longestRetry() {
    Optional<Instant> oldest = lanes.oldestFailure();
    if (commitFailingSince != null
        && (oldest.isEmpty() || commitFailingSince.isBefore(oldest.get()))) {
      oldest = Optional.of(commitFailingSince);
    }
    return oldest.map(o -> Duration.between(o, clock.instant())).orElse(Duration.ZERO);
  }

  /**
   * Flushes and commits the given partitions before they are given up in a rebalance. Whatever
   * cannot be written by the deadline is dropped uncommitted; its next owner reads it again.
   */
  public void partitionsRevoked(Collection<PartitionKey> revoked, Instant deadline)
      throws InterruptedException {
    finish(revoked, deadline, FlushTrigger.REBALANCE);
    revoked.forEach(lanes::remove);
  }

  /** Partitions lost without a chance to commit: forget them, their records will be replayed. */
  public void partitionsLost(Collection<PartitionKey> lost) {
    lost.forEach(lanes::remove);
  }

  /**
   * On shutdown: writes what is buffered and commits it; drops records that merely wait (rate
   * limit); gives a failing write one more try. Returns as soon as that is done, at the latest by
   * the deadline.
   *
   * @return the records left uncommitted, which the partitions' next owners read again
   */
  public int drain(Instant deadline) throws InterruptedException {
    return finish(lanes.partitions(), deadline, FlushTrigger.SHUTDOWN);
  }

  private int finish(Collection<PartitionKey> partitions, Instant deadline, FlushTrigger trigger)
      throws InterruptedException {
    List<PartitionLane> finishing = new ArrayList<>();
    for (PartitionKey partition : partitions) {
      PartitionLane lane = lanes.get(partition);
      if (lane != null) {
        lane.finishing = trigger;
        lane.dropHeld();
        InFlightBatch head = lane.head();
        if (head != null && head.stage == InFlightBatch.Stage.RETRY_WAIT) {
          head.retryAt = clock.instant();
        }
        finishing.add(lane);
      }
    }
    while (finishing.stream().anyMatch(lane -> !lane.isIdle())) {
      advance();
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      if (finishing.stream().anyMatch(lane -> !lane.isIdle()) && pool.running() > 0) {
        WriterPool.Completion c =
            pool.await(left.compareTo(COMMIT_RETRY) < 0 ? left : COMMIT_RETRY);
        if (c != null) {
          apply(c, clock.instant());
        }
      } else if (commitRetryAt != null) {
        Thread.sleep(Math.max(1, Math.min(left.toMillis(), COMMIT_RETRY.toMillis())));
      }
    }
    int dropped = 0;
    for (PartitionLane lane : finishing) {
      giveUp(lane);
      dropped += lane.abandoned;
      lane.abandoned = 0;
      lane.finishing = null;
    }
    return dropped;
  }

  private void giveUp(PartitionLane lane) {
    int dropped = lane.abandon();
    if (dropped > 0) {
      log.warn(
          () ->
              "left events uncommitted for the partition's next owner partition="
                  + lane.partition
                  + " events="
                  + dropped);
    }
  }

  public int heldRecords() {
    return lanes.heldRecords();
  }
}
