package io.batchline.e2e;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a pipeline's consumer pods for the length of a scenario: follows each consumer's log from
 * its start, and records when each pod was asked to stop and how its container ended. That is what
 * a drain is judged by, since a deleted pod takes its log and status with it.
 */
final class PodRecorder implements AutoCloseable {

  /** What became of one pod. */
  static final class PodRecord {
    final String name;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    volatile LogWatch logWatch;
    volatile Instant sigterm;
    volatile Long graceSeconds;
    volatile ContainerStateTerminated terminated;
    volatile boolean deleted;

    PodRecord(String name) {
      this.name = name;
    }

    String log() {
      synchronized (log) {
        return log.toString(StandardCharsets.UTF_8);
      }
    }

    /** The consumer's own timestamp on the first log line that contains {@code text}. */
    Optional<Instant> loggedAt(String text) {
      return log()
          .lines()
          .filter(l -> l.contains(text))
          .findFirst()
          .map(l -> Instant.parse(l.substring(0, l.indexOf(' '))));
    }

    /** SIGTERM to the drain-complete log line, by the consumer's clock. */
    Optional<Duration> drainTime() {
      return loggedAt(Names.DRAIN_STARTED)
          .flatMap(
              start -> loggedAt(Names.DRAIN_COMPLETE).map(end -> Duration.between(start, end)));
    }

    Optional<Integer> exitCode() {
      return Optional.ofNullable(terminated).map(ContainerStateTerminated::getExitCode);
    }

    /** The container ended before the grace period after SIGTERM ran out. */
    boolean endedWithinGrace() {
      if (terminated == null || sigterm == null || graceSeconds == null) {
        return false;
      }
      return !Instant.parse(terminated.getFinishedAt()).isAfter(sigterm.plusSeconds(graceSeconds));
    }

    @Override
    public String toString() {
      return "%s: drain %s, exit %s, finished %s, grace %ss, SIGTERM at %s"
          .formatted(
              name,
              drainTime().map(d -> d.toMillis() + " ms").orElse("(no drain lines)"),
              exitCode().map(String::valueOf).orElse("?"),
              terminated == null ? "?" : terminated.getFinishedAt(),
              graceSeconds,
              sigterm);
    }
  }

  private final PipelineUnderTest pipeline;
  private final Map<String, PodRecord> pods = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Pod> informer;

  PodRecorder(PipelineUnderTest pipeline) {
    this.pipeline = pipeline;
    this.informer =
        pipeline
            .cluster
            .client
            .pods()
            .inNamespace(pipeline.namespace)
            .withLabel(Names.INSTANCE_LABEL, pipeline.name)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    seen(pod, false);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod pod) {
                    seen(pod, false);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    seen(pod, true);
                  }
                },
                0);
  }

  private void seen(Pod pod, boolean deleted) {
    var record = pods.computeIfAbsent(pod.getMetadata().getName(), PodRecord::new);
    var statuses =
        Optional.ofNullable(pod.getStatus()).map(s -> s.getContainerStatuses()).orElse(List.of());
    for (var container : statuses) {
      if (!Names.CONSUMER_CONTAINER.equals(container.getName())) {
        continue;
      }
      if (container.getState() != null && container.getState().getRunning() != null) {
        followLog(record);
      }
      if (container.getState() != null && container.getState().getTerminated() != null) {
        record.terminated = container.getState().getTerminated();
      }
    }
    var deletion = pod.getMetadata().getDeletionTimestamp();
    if (deletion != null && record.sigterm == null) {
      var grace = pod.getMetadata().getDeletionGracePeriodSeconds();
      record.graceSeconds = pod.getSpec().getTerminationGracePeriodSeconds();
      record.sigterm = Instant.parse(deletion).minusSeconds(grace == null ? 0 : grace);
      E2eLog.say("pod %s: SIGTERM (deletion requested, grace %ss)", record.name, grace);
    }
    if (deleted && !record.deleted) {
      record.deleted = true;
      E2eLog.say("pod %s gone: %s", record.name, record);
    }
  }

  private void followLog(PodRecord record) {
    synchronized (record) {
      if (record.logWatch != null) {
        return;
      }
      record.logWatch =
          pipeline
              .cluster
              .client
              .pods()
              .inNamespace(pipeline.namespace)
              .withName(record.name)
              .inContainer(Names.CONSUMER_CONTAINER)
              .watchLog(new SynchronizedOutput(record.log));
    }
  }

  Map<String, PodRecord> pods() {
    return Map.copyOf(pods);
  }

  PodRecord pod(String name) {
    return pods.get(name);
  }

  @Override
  public void close() {
    informer.close();
    pods.values().stream().map(r -> r.logWatch).filter(w -> w != null).forEach(LogWatch::close);
  }

  /** Appends to the record's buffer under its lock, so that readers see whole writes. */
  private static final class SynchronizedOutput extends java.io.OutputStream {
    private final ByteArrayOutputStream target;

    SynchronizedOutput(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      synchronized (target) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (target) {
        target.write(b, off, len);
      }
    }
  }
}
