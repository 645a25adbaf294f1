package io.batchline.consumer.batch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One consumer's batcher over the fakes, with writer tasks run inline (so one {@link #advance()}
 * goes as far as it can) and a clock the test moves.
 */
final class BatcherHarness {

  final MutableClock clock;
  final FakeSinks sinks;
  final EventBatcher batcher;
  private final FlushPolicy policy;
  private final UUID topicId;

  BatcherHarness(FakeSinks sinks, MutableClock clock, FlushPolicy policy) {
    this(
        sinks,
        clock,
        policy,
        RateLimiter.unlimited(clock),
        new InFlightBudget(1_000_000, 1L << 30));
  }

  BatcherHarness(
      FakeSinks sinks,
      MutableClock clock,
      FlushPolicy policy,
      RateLimiter rateLimiter,
      InFlightBudget budget) {
    this(sinks, sinks, clock, policy, rateLimiter, budget, Records.TOPIC_ID, Runnable::run);
  }

  /** Writer tasks (encodes and inserts) go to {@code writers}, to run when the test says. */
  BatcherHarness(
      FakeSinks sinks,
      MutableClock clock,
      FlushPolicy policy,
      InFlightBudget budget,
      java.util.concurrent.Executor writers) {
    this(
        sinks,
        sinks,
        clock,
        policy,
        RateLimiter.unlimited(clock),
        budget,
        Records.TOPIC_ID,
        writers);
  }

  /**
   * A batcher writing to {@code table}, with Kafka (commits, dead letters) faked by {@code kafka}.
   */
  BatcherHarness(
      EventSink table, FakeSinks kafka, MutableClock clock, FlushPolicy policy, UUID topicId) {
    this(
        table,
        kafka,
        clock,
        policy,
        RateLimiter.unlimited(clock),
        new InFlightBudget(1_000_000, 1L << 30),
        topicId,
        Runnable::run);
  }

  private BatcherHarness(
      EventSink table,
      FakeSinks sinks,
      MutableClock clock,
      FlushPolicy policy,
      RateLimiter rateLimiter,
      InFlightBudget budget,
      UUID topicId,
      java.util.concurrent.Executor writers) {
    this.clock = clock;
    this.sinks = sinks;
    this.policy = policy;
    this.topicId = topicId;
    this.batcher =
        new EventBatcher(
            new BatcherSettings(
                policy,
                budget,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.5),
                rateLimiter,
                Duration.ofSeconds(60),
                1 << 20),
            new BatcherPorts(
                new WriterPorts(table, sinks, new RetryClassifier(), clock, Runnable::run),
                sinks,
                writers),
            clock,
            new PipelineLog(BatcherHarness.class, "test"),
            new BatchObserver() {});
  }

  FlushPolicy policy() {
    return policy;
  }

  static BatcherHarness of(int batchSize, Duration flush) {
    return new BatcherHarness(
        new FakeSinks(), new MutableClock(), new FlushPolicy(batchSize, 1L << 30, flush));
  }

  BatcherHarness assign(PartitionKey... partitions) {
    batcher.partitionsAssigned(
        java.util.Arrays.stream(partitions)
            .map(
                p ->
                    new AssignedPartition(
                        p, topicId, java.util.OptionalLong.empty(), java.util.Optional.empty()))
            .toList());
    return this;
  }

  /** Assigns the partition as its next owner would find it: from what was committed. */
  BatcherHarness resume(PartitionKey partition, FakeSinks committedBy) {
    CommitPosition position = committedBy.committed.get(partition);
    batcher.partitionsAssigned(
        List.of(
            new AssignedPartition(
                partition,
                topicId,
                position == null
                    ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(position.offset()),
                position == null
                    ? java.util.Optional.empty()
                    : Intent.parse(position.metadata()))));
    return this;
  }

  void offer(List<SourceRecord> records) {
    batcher.offer(records);
    batcher.advance();
  }

  void advance() {
    batcher.advance();
  }

  void advance(Duration by) {
    clock.advance(by);
    batcher.advance();
  }
}
