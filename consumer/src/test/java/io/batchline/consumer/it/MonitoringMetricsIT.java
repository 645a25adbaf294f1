package io.batchline.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.testkit.ConsumerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every metric the dashboard and the alerts use is one the real consumer exports. */
class MonitoringMetricsIT {

  private static final Pattern METRIC = Pattern.compile("batchline_[a-z0-9_]+");
  private static final String[] FILES = {
    "deploy/monitoring/grafana-dashboard.json", "deploy/monitoring/prometheusrule.yaml"
  };

  @Test
  void dashboardAndAlertsOnlyUseExportedMetrics() throws IOException {
    PipelineFixture pipeline = new PipelineFixture("monitoring", 1);
    Set<String> referenced = new TreeSet<>();
    for (String file : FILES) {
      Matcher matcher = METRIC.matcher(Files.readString(pipeline.stack.repoRoot().resolve(file)));
      while (matcher.find()) {
        referenced.add(matcher.group());
      }
    }
    assertThat(referenced)
        .as("metrics named in %s", String.join(", ", FILES))
        .hasSizeGreaterThan(10);

    pipeline.produce(0, 100);
    try (ConsumerProcess consumer = pipeline.consumer(pipeline.environment(50, 1), "consumer")) {
      await().atMost(Duration.ofSeconds(60)).until(consumer::isReady);
      await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.distinctIds() == 100);
      Set<String> exported = new TreeSet<>();
      consumer
          .metrics()
          .lines()
          .filter(line -> line.startsWith("batchline_"))
          .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));

      assertThat(exported).containsAll(referenced);
    }
  }
}
