package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.testkit.ConsumerProcess;
import io.batchline.testkit.EventLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once mechanism on the real Kafka: consumers killed with SIGKILL three times under
 * load, then a rebalance from one consumer to three and back. Across every consumer's log, any two
 * inserts whose offset ranges overlap are the same insert: same partition, same range, same token.
 * ClickHouse 18.16 cannot deduplicate by token, so this checks that every replay would be dropped
 * by a server that can; {@code DeduplicationEngineIT} checks that a 26.9 engine does.
 */
class ReplayTokensIT {

  private static final int EVENTS = 120_000;
  private static final int RATE = 5_000;
  private static final int KILLS = 3;

  @Test
  void everyReplayedInsertHasTheRangeAndTokenOfTheInterruptedOne() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PipelineFixture pipeline = new PipelineFixture("tokens", 4);
    Map<String, String> env = pipeline.environment(2000, 1);
    env.put("KAFKA_PROPERTIES_MAX_POLL_RECORDS", "700");
    List<InsertLines> inserts = new ArrayList<>();

    try (EventLoad load = pipeline.startLoad(EVENTS, RATE)) {
      for (int kill = 1; kill <= KILLS; kill++) {
        try (ConsumerProcess consumer = pipeline.consumer(env, "killed-" + kill)) {
          long threshold = Math.min(4_000 + random.nextInt(12_000), EVENTS / 8);
          pipeline.awaitBuffered(consumer, threshold, EVENTS);
          consumer.kill();
          pipeline.awaitExit(consumer, Duration.ofSeconds(30), EVENTS);
          inserts.addAll(InsertLines.parse("killed-" + kill, consumer.log()));
        }
      }
      try (ConsumerProcess first = pipeline.readyConsumer(env, "first")) {
        try (ConsumerProcess second = pipeline.consumer(env, "second");
            ConsumerProcess third = pipeline.consumer(env, "third")) {
          for (ConsumerProcess added : List.of(second, third)) {
            pipeline.await(
                "the added consumer consuming its share",
                PipelineFixture.READY_TIMEOUT,
                () -> added.log().contains("partitions assigned ["),
                EVENTS,
                first,
                second,
                third);
          }
          pipeline.awaitReceived(second, 1, EVENTS);
          second.terminate();
          third.terminate();
          assertThat(pipeline.awaitExit(second, Duration.ofSeconds(30), EVENTS)).isZero();
          assertThat(pipeline.awaitExit(third, Duration.ofSeconds(30), EVENTS)).isZero();
          inserts.addAll(InsertLines.parse("second", second.log()));
          inserts.addAll(InsertLines.parse("third", third.log()));
        }
        pipeline.awaitLoad(load, Duration.ofMinutes(3), first);
        pipeline.awaitEveryId(EVENTS, Duration.ofMinutes(3), first);
        inserts.addAll(InsertLines.parse("first", first.log()));
      }
    }

    List<String> mismatches = new ArrayList<>();
    Set<String> replayedRanges = new HashSet<>();
    int replayed = 0;
    int identical = 0;
    for (int i = 0; i < inserts.size(); i++) {
      for (int j = i + 1; j < inserts.size(); j++) {
        InsertLines a = inserts.get(i);
        InsertLines b = inserts.get(j);
        if (a.consumer().equals(b.consumer()) || !a.overlaps(b)) {
          continue;
        }
        if (replayedRanges.add(b.consumer() + b)) {
          replayed++;
          if (a.sameInsert(b)) {
            identical++;
          }
        }
        if (!a.sameInsert(b)) {
          mismatches.add(a + " overlaps " + b);
        }
      }
    }
    System.out.printf(
        "[replay-figures] seed=%d insert_lines=%d replayed_inserts=%d identical=%d%n",
        seed, inserts.size(), replayed, identical);
    assertThat(inserts).as("inserts named in the logs").isNotEmpty();
    assertThat(replayed).as("the kills interrupted some inserts").isPositive();
    assertThat(mismatches).as("overlapping inserts that differ").isEmpty();
    pipeline.figures(EVENTS, Duration.ZERO).print("ReplayTokensIT seed=" + seed);
  }
}
