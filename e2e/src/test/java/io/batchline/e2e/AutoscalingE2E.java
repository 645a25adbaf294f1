package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;

import io.batchline.testkit.EventGenerator;
import io.batchline.testkit.EventLoad;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The autoscaling chain on the real cluster of {@code dev/cluster up --autoscaling}: an
 * EventPipeline with spec.autoscaling (1 to 4 replicas, 8 partitions) under a load one consumer
 * cannot keep up with (each consumer is held to spec.consumer.rateLimit). KEDA makes the HPA, the
 * controller-manager runs it against the pipeline's /scale, the operator follows with the
 * Deployment. The run is sampled into a timeline, logged, and drawn as a PNG in
 * e2e/target/autoscaling/.
 */
@Isolated
class AutoscalingE2E {

  static final int PARTITIONS = 8;
  static final int CONSUMER_RATE_LIMIT = 100;
  static final int LOAD_RATE = 250;
  static final int LOAD_SECONDS = 60;

  static E2eCluster cluster;
  static String prometheus;

  @BeforeAll
  static void startTheChain() {
    Assumptions.assumeTrue(
        Boolean.getBoolean("batchline.e2e.autoscaling"),
        "-Dbatchline.e2e.autoscaling=true runs it (dev/test --autoscaling); its builds take about"
            + " 40 minutes cold");
    cluster = E2eCluster.get();
    cluster.scripts.run(Duration.ofMinutes(60), "dev/cluster", "up", "--autoscaling");
    var status =
        cluster.scripts.run(Duration.ofMinutes(1), Map.of(), Set.of(0), "dev/cluster", "status");
    prometheus = status.value("PROMETHEUS_URL");
    cluster.kubectl(
        "-n",
        E2eCluster.OPERATOR_NAMESPACE,
        "set",
        "env",
        "deployment/batchline-operator",
        "BATCHLINE_PROMETHEUS_URL=" + prometheus);
    var rollout =
        cluster.kubectl(
            Set.of(0, 1),
            "-n",
            E2eCluster.OPERATOR_NAMESPACE,
            "rollout",
            "status",
            "deployment/batchline-operator",
            "--timeout=300s");
    if (rollout.exitCode() != 0) {
      E2eLog.say(
          "the operator did not roll within 300 s:%n%s%n%s",
          cluster.kubectl("-n", E2eCluster.OPERATOR_NAMESPACE, "get", "pods", "-o", "wide"),
          cluster.kubectl("-n", E2eCluster.OPERATOR_NAMESPACE, "describe", "pods"));
      throw new IllegalStateException("operator rollout: " + rollout.output());
    }
    E2eLog.say("autoscaling chain up; the operator's KEDA triggers query %s", prometheus);
  }

  /**
   * Both scenarios at once, each in a namespace, topic and table of its own. The class runs alone
   * (it restarts the operator), and each scenario takes some four minutes, most of it the
   * operator's scale-down of one pod a minute, so they share that time rather than queue for it.
   */
  @Test
  void scalesUpUnderLoadAndBackDownOnLagAndOnFlushUtilizationSideBySide() {
    var executor = Executors.newFixedThreadPool(2);
    try {
      var lag = executor.submit(AutoscalingE2E::onConsumerLag);
      var utilization = executor.submit(AutoscalingE2E::onFlushUtilization);
      assertAll(() -> outcome(lag), () -> outcome(utilization));
    } finally {
      executor.shutdownNow();
    }
  }

  private static void outcome(Future<?> scenario) throws Throwable {
    try {
      scenario.get();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  /** Lag: each consumer is held to CONSUMER_RATE_LIMIT events/s, so one cannot keep up. */
  private static void onConsumerLag() {
    run(
        "autoscale-lag",
        """
        consumer:
          rateLimit: %d
        autoscaling:
          minReplicas: 1
          maxReplicas: 4
          metric: lag
          lagThreshold: 500
          scaleUpStabilizationSeconds: 0
          scaleDownStabilizationSeconds: 30
        """
            .formatted(CONSUMER_RATE_LIMIT),
        p -> {},
        "lag per replica as the HPA reads it (records, KEDA kafka scaler)");
  }

  /**
   * Flush utilization: a ClickHouse that takes 200 ms per insert (a materialized view that sleeps
   * on each block), so that one consumer spends all its time writing. The metric reaches KEDA
   * through Prometheus, which scrapes the consumers as the pipeline's PodMonitor says.
   */
  private static void onFlushUtilization() {
    run(
        "autoscale-util",
        """
        autoscaling:
          minReplicas: 1
          maxReplicas: 4
          metric: flushUtilization
          target: 50
          scaleUpStabilizationSeconds: 0
          scaleDownStabilizationSeconds: 30
        """,
        p -> {
          var slow = p.table + "_slow_insert";
          cluster.stack.clickHouse().query("DROP TABLE IF EXISTS " + slow);
          cluster
              .stack
              .clickHouse()
              .query(
                  "CREATE MATERIALIZED VIEW "
                      + slow
                      + " ENGINE = Null AS SELECT sleep(0.2) AS slept FROM "
                      + p.table);
          ensurePodMonitor(p);
          awaitScraped(p);
        },
        "flush utilization per replica as the HPA reads it (Prometheus trigger)");
  }

  private static void run(
      String name,
      String spec,
      java.util.function.Consumer<PipelineUnderTest> setUp,
      String metricLabel) {
    var pipeline = PipelineUnderTest.prepare(cluster, name, PARTITIONS);
    var ids = new IdCheck(cluster.stack.clickHouse(), pipeline.table);
    pipeline.apply(
        """
        kafka:
          partitions: %d
        batch:
          size: 50
          flushSeconds: 1
        %s
        """
            .formatted(PARTITIONS, spec));
    setUp.accept(pipeline);
    pipeline.awaitReady(1, Duration.ofMinutes(3));
    var hpaName = "keda-hpa-" + name;
    await(name + ": KEDA's HPA " + hpaName)
        .atMost(Duration.ofMinutes(2))
        .until(() -> hpa(pipeline, hpaName).isPresent());
    var target = hpa(pipeline, hpaName).orElseThrow().getSpec().getScaleTargetRef();
    say(name, "KEDA made HPA %s, scaling %s/%s", hpaName, target.getKind(), target.getName());
    assertThat(target.getKind()).isEqualTo(Names.KIND);

    var events = new EventGenerator(name, 20, System.currentTimeMillis());
    long count = (long) LOAD_RATE * LOAD_SECONDS;
    var group = "batchline." + pipeline.namespace + "." + name;
    try (var kafka = new KafkaGroup(cluster.stack.kafkaBootstrap(), group, pipeline.topic);
        var load =
            EventLoad.start(
                cluster.stack.kafkaBootstrap(), pipeline.topic, events, count, LOAD_RATE);
        var timeline =
            new Timeline(
                name,
                Duration.ofSeconds(3),
                () ->
                    new Timeline.Sample(
                        Instant.now(),
                        load.sent(),
                        metric(pipeline, hpaName),
                        specReplicas(pipeline),
                        readyReplicas(pipeline),
                        kafka.members(),
                        kafka.lag()))) {
      say(name, "load: %d events at %d/s", count, LOAD_RATE);
      await(name + ": the HPA reads a current value of the metric")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> metric(pipeline, hpaName).isPresent());
      say(name, "HPA %s reads %s", hpaName, metric(pipeline, hpaName));
      await(name + ": scaled up through /scale and more consumers in the group")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> specReplicas(pipeline) > 1 && kafka.members() > 1);
      say(
          name,
          "scaled up: spec.replicas=%d, group members=%d",
          specReplicas(pipeline),
          kafka.members());
      load.await(Duration.ofMinutes(3));
      say(name, "load stopped");
      await(name + ": lag back to 0")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> kafka.lag() == 0);
      say(name, "lag 0 with %d replicas", specReplicas(pipeline));
      // 30 s of stabilization, then one pod a minute (the operator's scale-down policy): 4 to 1
      // takes some 3.5 minutes.
      await(name + ": scaled back down to 1 after the stabilisation window")
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> specReplicas(pipeline) == 1 && readyReplicas(pipeline) == 1);
      say(name, "scaled down to 1");
      var figures = ids.awaitAll(events, count, Duration.ofMinutes(2));
      say(name, "%s", figures);

      var samples = timeline.samples();
      var out = cluster.repoRoot.resolve("e2e/target/autoscaling");
      timeline.writeCsv(out.resolve(name + "-timeline.csv"));
      TimelineChart.write(
          timeline,
          "%s: load %d/s for %ds, %d partitions, 1 to 4 replicas"
              .formatted(name, LOAD_RATE, LOAD_SECONDS, PARTITIONS),
          metricLabel,
          out.resolve(name + "-timeline.png"));
      say(name, "timeline: %s", out.resolve(name + "-timeline.png"));

      var peakReplicas =
          samples.stream().mapToInt(Timeline.Sample::desiredReplicas).max().orElse(0);
      var peakLag = samples.stream().mapToLong(Timeline.Sample::lag).max().orElse(0);
      assertThat(peakReplicas).isGreaterThan(1);
      assertThat(samples.stream().mapToInt(Timeline.Sample::groupMembers).max().orElse(0))
          .isGreaterThan(1);
      assertThat(peakLag).isPositive();
      assertThat(figures.missing()).isEmpty();
      assertThat(figures.duplicatesAfterFinal()).isZero();
    }
    cluster.client.namespaces().withName(pipeline.namespace).delete();
  }

  /** A progress line that names its scenario, since both run at once. */
  private static void say(String scenario, String format, Object... args) {
    E2eLog.say(scenario + ": " + format, args);
  }

  /**
   * Prometheus selects the consumer pods by the PodMonitor the operator ships with the pipeline
   * (the Prometheus Operator's CRDs are installed), and by nothing else.
   */
  private static void ensurePodMonitor(PipelineUnderTest pipeline) {
    var podMonitors =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("monitoring.coreos.com")
            .withVersion("v1")
            .withKind("PodMonitor")
            .withPlural("podmonitors")
            .withNamespaced(true)
            .build();
    await("the operator's PodMonitor")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                !cluster
                    .client
                    .genericKubernetesResources(podMonitors)
                    .inNamespace(pipeline.namespace)
                    .list()
                    .getItems()
                    .isEmpty());
    E2eLog.say("the operator made a PodMonitor for %s", pipeline.name);
  }

  /**
   * Until Prometheus has the pipeline's series: a new PodMonitor reaches Prometheus through the
   * operator's config Secret, the kubelet's volume sync and the config reloader, which took from
   * seconds to over two minutes here; before that, the trigger's query reads 0.
   */
  private static void awaitScraped(PipelineUnderTest pipeline) {
    var started = System.nanoTime();
    var query =
        "count(" + Names.FLUSH_UTILIZATION_METRIC + "{namespace=\"" + pipeline.namespace + "\"})";
    var http = java.net.http.HttpClient.newHttpClient();
    await("Prometheus scrapes the consumers of " + pipeline.name)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              var uri =
                  java.net.URI.create(
                      prometheus
                          + "/api/v1/query?query="
                          + java.net.URLEncoder.encode(
                              query, java.nio.charset.StandardCharsets.UTF_8));
              var body =
                  http.send(
                          java.net.http.HttpRequest.newBuilder(uri).build(),
                          java.net.http.HttpResponse.BodyHandlers.ofString())
                      .body();
              return body.contains("\"result\":[{");
            });
    E2eLog.say(
        "Prometheus scrapes %s's consumers, %d s after its PodMonitor",
        pipeline.name, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  private static Optional<HorizontalPodAutoscaler> hpa(PipelineUnderTest pipeline, String name) {
    return Optional.ofNullable(
        cluster
            .client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(pipeline.namespace)
            .withName(name)
            .get());
  }

  /** The metric's current value in the HPA's status, per replica as the HPA compares it. */
  private static OptionalDouble metric(PipelineUnderTest pipeline, String hpaName) {
    return hpa(pipeline, hpaName)
        .map(h -> h.getStatus())
        .map(s -> s.getCurrentMetrics())
        .filter(m -> !m.isEmpty())
        .map(m -> m.get(0).getExternal())
        .filter(
            e -> e != null && e.getCurrent() != null && e.getCurrent().getAverageValue() != null)
        .map(
            e ->
                OptionalDouble.of(
                    e.getCurrent().getAverageValue().getNumericalAmount().doubleValue()))
        .orElse(OptionalDouble.empty());
  }

  @SuppressWarnings("unchecked")
  private static int specReplicas(PipelineUnderTest pipeline) {
    return pipeline
        .resource()
        .map(r -> (Map<String, Object>) r.getAdditionalProperties().get("spec"))
        .map(s -> s.get("replicas"))
        .map(v -> ((Number) v).intValue())
        .orElse(0);
  }

  private static int readyReplicas(PipelineUnderTest pipeline) {
    var ready = pipeline.status().get("readyReplicas");
    return ready instanceof Number n ? n.intValue() : 0;
  }
}
