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
 * Consumers killed with SIGKILL three times at random moments under load, then a rebalance from one
 * consumer to three and back, also under load. Every id arrives: what a killed consumer had read
 * but not committed is read again, and a consumer giving up partitions in a rebalance writes and
 * commits them first.
 *
 * <p>And the exactly-once mechanism: across every consumer's log, any two inserts whose offset
 * ranges overlap are the same insert, with the same partition, range and token. ClickHouse 18.16
 * cannot deduplicate by token, so this checks that a server that can would drop every replay;
 * {@code DeduplicationEngineIT} checks that a 26.9 engine does.
 */
class KillAndRebalanceIT {

  private static final int KILL_EVENTS = 160_000;
  private static final int KILL_RATE = 5_000;
  private static final int REBALANCE_EVENTS = 60_000;
  private static final int REBALANCE_RATE = 1_500;
  private static final int KILLS = 3;

  @Test
  void everyIdArrivesAndEveryReplayedInsertIsTheInterruptedOne() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PipelineFixture pipeline = new PipelineFixture("killrebalance", 4);
    Map<String, String> env = pipeline.environment(2000, 1);
    // Polls that do not line up with batches leave records buffered after every cut.
    env.put("KAFKA_PROPERTIES_MAX_POLL_RECORDS", "700");
    List<InsertLines> inserts = new ArrayList<>();
    long total = KILL_EVENTS + REBALANCE_EVENTS;

    try (EventLoad load = pipeline.startLoad(KILL_EVENTS, KILL_RATE)) {
      for (int kill = 1; kill <= KILLS; kill++) {
        try (ConsumerProcess consumer = pipeline.consumer(env, "killed-" + kill)) {
          long remaining = KILL_EVENTS - pipeline.distinctIds();
          long threshold = Math.min(4_000 + random.nextInt(16_000), remaining / 2);
          pipeline.awaitBuffered(consumer, threshold, total);
          consumer.kill();
          pipeline.awaitExit(consumer, Duration.ofSeconds(30), total);
          inserts.addAll(InsertLines.parse("killed-" + kill, consumer.log()));
          System.out.printf(
              "[crash] seed=%d kill %d after %d received, %d of %d produced%n",
              seed, kill, threshold, load.sent(), KILL_EVENTS);
        }
      }
      pipeline.awaitLoad(load, Duration.ofMinutes(2));
    }
    try (ConsumerProcess first = pipeline.readyConsumer(env, "first");
        EventLoad load = pipeline.startLoad(KILL_EVENTS, REBALANCE_EVENTS, REBALANCE_RATE)) {
      try (ConsumerProcess second = pipeline.consumer(env, "second");
          ConsumerProcess third = pipeline.consumer(env, "third")) {
        for (ConsumerProcess added : List.of(second, third)) {
          pipeline.await(
              "the added consumer consuming its share",
              PipelineFixture.READY_TIMEOUT,
              () ->
                  added.log().contains("partitions assigned [")
                      && (load.isDone() || added.metric("batchline_events_received_total") > 0),
              total,
              first,
              second,
              third);
        }
        System.out.printf(
            "[rebalance] 3 consumers at %d of %d produced%n", load.sent(), REBALANCE_EVENTS);
        assertThat(first.log()).contains("partitions revoked, flushing before giving them up");
        second.terminate();
        third.terminate();
        assertThat(pipeline.awaitExit(second, Duration.ofSeconds(30), total)).isZero();
        assertThat(pipeline.awaitExit(third, Duration.ofSeconds(30), total)).isZero();
        System.out.printf(
            "[rebalance] back to 1 at %d of %d produced%n", load.sent(), REBALANCE_EVENTS);
        inserts.addAll(InsertLines.parse("second", second.log()));
        inserts.addAll(InsertLines.parse("third", third.log()));
      }
      long scaledDown = System.nanoTime();
      pipeline.awaitLoad(load, Duration.ofMinutes(3), first);
      pipeline.awaitEveryId(total, Duration.ofMinutes(3), first);
      inserts.addAll(InsertLines.parse("first", first.log()));
      pipeline
          .figures(total, Duration.ofNanos(System.nanoTime() - scaledDown))
          .print("KillAndRebalanceIT seed=" + seed);
      assertThat(first.isAlive()).isTrue();
    }
    assertReplaysAreTheInterruptedInserts(inserts, seed);
  }

  private static void assertReplaysAreTheInterruptedInserts(List<InsertLines> inserts, long seed) {
    List<String> mismatches = new ArrayList<>();
    Set<String> replays = new HashSet<>();
    Set<String> identical = new HashSet<>();
    for (int i = 0; i < inserts.size(); i++) {
      for (int j = i + 1; j < inserts.size(); j++) {
        InsertLines a = inserts.get(i);
        InsertLines b = inserts.get(j);
        if (a.consumer().equals(b.consumer()) || !a.overlaps(b)) {
          continue;
        }
        replays.add(b.toString());
        if (a.sameInsert(b)) {
          identical.add(b.toString());
        } else {
          mismatches.add(a + " overlaps " + b);
        }
      }
    }
    System.out.printf(
        "[replay-figures] seed=%d insert_lines=%d replayed_inserts=%d identical=%d%n",
        seed, inserts.size(), replays.size(), identical.size());
    assertThat(inserts).as("inserts named in the logs").isNotEmpty();
    assertThat(mismatches).as("overlapping inserts that differ").isEmpty();
  }
}
