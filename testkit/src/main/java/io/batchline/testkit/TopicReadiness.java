package io.batchline.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the broker can take writes for every partition of a topic. A KRaft broker reports a
 * new topic in its metadata a moment before it has created the partitions' logs; an idempotent
 * producer whose first batch for a partition is refused in that moment may see later batches
 * accepted first and then retry the first one, out of sequence, until it expires (seen as "Expiring
 * N record(s) ... 120001 ms has passed since batch creation"). ListOffsets succeeds only where the
 * leader has the partition's log, so it is the signal used here.
 */
final class TopicReadiness {

  private static final Duration POLL = Duration.ofMillis(100);

  private TopicReadiness() {}

  static void await(String bootstrapServers, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (System.nanoTime() < deadline) {
        try {
          TopicDescription description =
              admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
          Map<TopicPartition, OffsetSpec> partitions =
              description.partitions().stream()
                  .map(p -> new TopicPartition(topic, p.partition()))
                  .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
          admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for topic " + topic, e);
    }
    throw new IllegalStateException(
        "topic "
            + topic
            + " is not writable on "
            + bootstrapServers
            + " after "
            + timeout.toSeconds()
            + " s (create it first): "
            + (last instanceof ExecutionException ? last.getCause() : last));
  }
}
