package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every consumer metric that the dashboard, the alerts, the autoscaling rules, the Helm chart, the
 * CRD, the samples, the operator and the docs name is one the consumer exports, under the names of
 * the Prometheus conventions. The consumer's own MonitoringMetricsIT checks the other side: that
 * the real consumer exports every name the dashboard and the alerts use.
 */
class MetricNamesTest {

  static final Set<String> COUNTERS =
      Set.of(
          "batchline_events_received_total",
          "batchline_events_written_total",
          "batchline_events_dead_lettered_total",
          "batchline_flushes_total",
          "batchline_flush_failures_total",
          "batchline_offset_commits_total",
          "batchline_inserts_deduplicated_total");
  static final Set<String> GAUGES =
      Set.of(
          "batchline_buffer_records",
          "batchline_buffer_bytes",
          "batchline_flush_utilization_ratio",
          "batchline_consumer_lag_records",
          "batchline_paused",
          "batchline_write_retry_seconds");
  static final Set<String> HISTOGRAMS =
      Set.of(
          "batchline_flush_duration_seconds",
          "batchline_end_to_end_latency_seconds",
          "batchline_batch_size_records");

  private static final Pattern METRIC = Pattern.compile("\\bbatchline_[a-z_]*[a-z]");

  private static final List<String> FILES_THAT_NAME_METRICS =
      List.of(
          "deploy/monitoring",
          "deploy/autoscaling",
          "deploy/base",
          "deploy/helm",
          "crds",
          "samples",
          "docs/kubernetes.md",
          "operator/README.md",
          "operator/src/main/java");

  private static boolean exported(String name) {
    if (COUNTERS.contains(name) || GAUGES.contains(name) || HISTOGRAMS.contains(name)) {
      return true;
    }
    return Stream.of("_bucket", "_sum", "_count", "_max")
        .anyMatch(
            s ->
                name.endsWith(s)
                    && HISTOGRAMS.contains(name.substring(0, name.length() - s.length())));
  }

  private static Map<String, Set<String>> namesByFile() {
    var names = new TreeMap<String, Set<String>>();
    for (var place : FILES_THAT_NAME_METRICS) {
      if (!Files.exists(RepoFiles.path(place))) {
        continue;
      }
      try (var files = Files.walk(RepoFiles.path(place))) {
        files
            .filter(Files::isRegularFile)
            .forEach(
                file -> {
                  var m = METRIC.matcher(read(file));
                  while (m.find()) {
                    names.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(file.toString());
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyMetricNamedAnywhereIsOneTheConsumerExports() {
    var names = namesByFile();
    var unknown = new TreeMap<>(names);
    unknown.keySet().removeIf(MetricNamesTest::exported);

    assertThat(names).containsKeys("batchline_flush_utilization_ratio");
    assertThat(unknown).as("names the consumer does not export, and where they are used").isEmpty();
  }

  @Test
  void unitsAndRatiosAreInTheNames() {
    assertThat(GAUGES)
        .filteredOn(n -> n.contains("utilization"))
        .allMatch(n -> n.endsWith("_ratio"));
    assertThat(HISTOGRAMS).allMatch(n -> n.endsWith("_seconds") || n.endsWith("_records"));
    assertThat(COUNTERS).allMatch(n -> n.endsWith("_total"));
  }
}
