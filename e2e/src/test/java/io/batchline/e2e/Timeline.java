package io.batchline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What an autoscaling run looked like, sampled every few seconds: events produced, the metric as
 * the HPA read it, the replica counts and the consumer group's lag. Each sample is logged as it is
 * taken, and the whole is written as CSV and drawn by {@link TimelineChart}.
 */
final class Timeline implements AutoCloseable {

  /** One sample; {@code metric} is empty while the HPA has not read one yet. */
  record Sample(
      Instant at,
      long produced,
      OptionalDouble metric,
      int desiredReplicas,
      int readyReplicas,
      int groupMembers,
      long lag) {}

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final Instant start = Instant.now();

  /** Samples every {@code every}; {@code name} starts each logged line. */
  Timeline(String name, Duration every, Supplier<Sample> take) {
    sampler.scheduleAtFixedRate(
        () -> {
          try {
            var sample = take.get();
            synchronized (samples) {
              samples.add(sample);
            }
            E2eLog.say(
                "%s: timeline t=%3ds produced=%d metric=%s replicas=%d ready=%d group_members=%d"
                    + " lag=%d",
                name,
                Duration.between(start, sample.at()).toSeconds(),
                sample.produced(),
                sample.metric().isPresent()
                    ? String.format("%.2f", sample.metric().getAsDouble())
                    : "-",
                sample.desiredReplicas(),
                sample.readyReplicas(),
                sample.groupMembers(),
                sample.lag());
          } catch (RuntimeException e) {
            E2eLog.say("%s: timeline sample failed: %s", name, e);
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  Instant start() {
    return start;
  }

  void writeCsv(Path file) {
    var lines = new ArrayList<String>();
    lines.add("seconds,produced,metric,desired_replicas,ready_replicas,group_members,lag");
    for (var s : samples()) {
      lines.add(
          "%d,%d,%s,%d,%d,%d,%d"
              .formatted(
                  Duration.between(start, s.at()).toSeconds(),
                  s.produced(),
                  s.metric().isPresent() ? String.valueOf(s.metric().getAsDouble()) : "",
                  s.desiredReplicas(),
                  s.readyReplicas(),
                  s.groupMembers(),
                  s.lag()));
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
