package io.batchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Status from reality: a consumer image that does not exist, a missing credentials Secret, a
 * consumer that crash-loops (its table, then its dead-letter topic, does not exist) and a consumer
 * that cannot be scheduled until the Deployment's progress deadline passes each make the pipeline
 * Degraded with the reason in its status, and Argo CD's health check (the shipped Lua) reads
 * Degraded; each recovers to Healthy once fixed.
 */
@Execution(ExecutionMode.CONCURRENT)
class FailureStatusE2E {

  static E2eCluster cluster;
  static ArgoCdHealth argoCd;

  @BeforeAll
  static void prepare() {
    cluster = E2eCluster.get();
    argoCd = new ArgoCdHealth(cluster.repoRoot);
  }

  @Test
  void anImageThatDoesNotExistIsDegradedUntilItIsFixed() {
    var pipeline = PipelineUnderTest.prepare(cluster, "bad-image", 1);
    pipeline.apply(
        """
        replicas: 1
        consumer:
          image: localhost/batchline-consumer:does-not-exist
        """);

    var degraded = awaitDegraded(pipeline, "ConsumerFailed");
    assertThat(degraded).contains("localhost/batchline-consumer:does-not-exist");

    pipeline.patch("{\"spec\":{\"consumer\":{\"image\":\"localhost/batchline-consumer:dev\"}}}");
    awaitHealthy(pipeline, 1);
  }

  @Test
  void aMissingSecretIsDegradedUntilTheSecretAppears() {
    var pipeline = PipelineUnderTest.prepare(cluster, "no-secret", 1);
    cluster
        .client
        .secrets()
        .inNamespace(pipeline.namespace)
        .withName(PipelineUnderTest.SECRET)
        .delete();
    pipeline.apply("replicas: 1");

    var degraded = awaitDegraded(pipeline, "SecretNotFound");
    assertThat(degraded).contains(PipelineUnderTest.SECRET);

    pipeline.writeSecret(Names.CLICKHOUSE_USER_A, Names.CLICKHOUSE_PASSWORD_A);
    awaitHealthy(pipeline, 1);
  }

  @Test
  void aCrashLoopingConsumerIsDegradedWithWhatItSaidUntilItsTableAndDeadLetterTopicExist() {
    var pipeline = PipelineUnderTest.prepare(cluster, "crashing", 1);
    cluster.stack.clickHouse().query("DROP TABLE " + pipeline.table);
    // A name of this run's own: the stack keeps topics between runs, and one left by an earlier
    // run would let the consumer start without the failure this case waits for.
    var deadLetters = pipeline.topic + ".rejects-" + Long.toString(System.currentTimeMillis(), 36);
    pipeline.apply(
        """
        replicas: 1
        kafka:
          dlqTopic: %s
        """
            .formatted(deadLetters));

    var degraded = awaitDegraded(pipeline, "ConsumerFailed");
    assertThat(degraded).contains("exited 3").contains(pipeline.table);

    cluster.stack.createEventsTable(
        PipelineUnderTest.DATABASE,
        pipeline.table.substring(PipelineUnderTest.DATABASE.length() + 1));
    var stillDegraded =
        awaitDegraded(
            pipeline, "ConsumerFailed", "dead-letter topic '" + deadLetters + "' does not exist");
    assertThat(stillDegraded).contains("exited 3");

    cluster.stack.createTopic(deadLetters, 1);
    awaitHealthy(pipeline, 1);
  }

  @Test
  void aConsumerThatCannotBeScheduledIsDegradedOnceTheDeploymentsProgressDeadlinePasses() {
    var pipeline = PipelineUnderTest.prepare(cluster, "unschedulable", 1);
    pipeline.apply(
        """
        replicas: 1
        consumer:
          resources:
            requests: {cpu: "64", memory: 512Mi}
            limits: {cpu: "64", memory: 1Gi}
        """);
    await("the consumer Deployment")
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                cluster
                        .client
                        .apps()
                        .deployments()
                        .inNamespace(pipeline.namespace)
                        .withName(pipeline.name)
                        .get()
                    != null);
    // As an administrator would, so that the test need not wait the default 600 s.
    cluster.kubectl(
        "-n",
        pipeline.namespace,
        "patch",
        "deployment",
        pipeline.name,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"progressDeadlineSeconds\":15}}");

    var degraded = awaitDegraded(pipeline, "ProgressDeadlineExceeded");
    assertThat(degraded).contains("progress");

    cluster.kubectl(
        "-n",
        pipeline.namespace,
        "patch",
        "deployment",
        pipeline.name,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"progressDeadlineSeconds\":600}}");
    pipeline.patch(
        "{\"spec\":{\"consumer\":{\"resources\":{\"requests\":{\"cpu\":\"250m\"},\"limits\":{\"cpu\":\"2\"}}}}}");
    awaitHealthy(pipeline, 1);
  }

  /** Waits for Degraded=True with this reason and Argo CD's Degraded; returns the message. */
  private static String awaitDegraded(PipelineUnderTest pipeline, String reason) {
    return awaitDegraded(pipeline, reason, "");
  }

  /**
   * As {@link #awaitDegraded(PipelineUnderTest, String)}, until the message also says {@code text}:
   * the consumer failed again, for another reason.
   */
  private static String awaitDegraded(PipelineUnderTest pipeline, String reason, String text) {
    await(pipeline.name + " Degraded " + reason + (text.isEmpty() ? "" : " saying " + text))
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                pipeline.conditionIs("Degraded", "True", reason)
                    && String.valueOf(pipeline.condition("Degraded").get("message"))
                        .contains(text));
    var message = String.valueOf(pipeline.condition("Degraded").get("message"));
    var verdict = argoCd.of(pipeline.resource().orElseThrow());
    E2eLog.say(
        "%s: Degraded=True %s: %s; Argo CD health: %s", pipeline.name, reason, message, verdict);
    assertThat(verdict.status()).isEqualTo("Degraded");
    return message;
  }

  private static void awaitHealthy(PipelineUnderTest pipeline, int replicas) {
    var fixed = System.nanoTime();
    pipeline.awaitReady(replicas, Duration.ofMinutes(4));
    await(pipeline.name + " Argo CD Healthy")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> argoCd.of(pipeline.resource().orElseThrow()).status().equals("Healthy"));
    E2eLog.say(
        "%s recovered in %d s: %s; Argo CD health: %s",
        pipeline.name,
        Duration.ofNanos(System.nanoTime() - fixed).toSeconds(),
        pipeline.condition("Degraded"),
        argoCd.of(pipeline.resource().orElseThrow()));
    cluster.client.namespaces().withName(pipeline.namespace).delete();
  }
}
