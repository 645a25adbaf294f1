package io.batchline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A namespace that holds, besides a pipeline's credentials, 2,000 unrelated Secrets of 8 KiB each,
 * as Helm leaves one per release revision. The operator jar runs as a separate process; its live
 * heap is read with {@code jcmd GC.class_histogram}, which collects garbage first, before and after
 * the Secrets appear. An operator that cached Secrets would hold all of them: some 2,000 Secret
 * objects and well over 16 MiB of their data.
 */
class SecretHeavyNamespaceIT {

  private static final int SECRETS = 2_000;
  private static final int SECRET_BYTES = 8 * 1024;
  private static final String SECRET_CLASS = "io.fabric8.kubernetes.api.model.Secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static RealApiServer server;
  private static String namespace;

  /** Live objects of the operator's heap, from the class histogram. */
  record Heap(long bytes, long secrets) {}

  @AfterAll
  static void removeTheSecrets() {
    if (namespace != null) {
      server.client().secrets().inNamespace(namespace).withLabel("owner", "helm").delete();
    }
  }

  @Test
  void unrelatedSecretsDoNotGrowTheOperatorsHeap(@TempDir Path dir) throws Exception {
    server = RealApiServer.get();
    namespace = server.namespace("secret-heavy");
    var ns = new PipelineNamespace(server.client(), namespace);
    try (var operator =
        OperatorProcess.start(
            server,
            dir,
            Map.of(
                "BATCHLINE_LEASE_NAMESPACE", namespace,
                "BATCHLINE_LEASE_SECONDS", "3",
                "POD_NAME", "secret-heavy-it"))) {
      operator.awaitReady(TIMEOUT);
      ns.create("billing", true);
      awaitObserved(ns, "billing", 1L);
      var before = heap(operator.pid());

      createUnrelatedSecrets();
      ns.patchSpec("billing", "{\"batch\":{\"size\":300}}");
      awaitObserved(ns, "billing", 2L);
      var after = heap(operator.pid());
      System.out.printf(
          "operator live heap: %,d bytes and %d Secret objects before %,d Secrets appeared,"
              + " %,d bytes and %d Secret objects after%n",
          before.bytes(), before.secrets(), SECRETS, after.bytes(), after.secrets());

      assertThat(after.secrets())
          .as("Secret objects in the operator's heap (%s before)", before.secrets())
          .isLessThanOrEqualTo(2);
      assertThat(after.bytes() - before.bytes())
          .as("growth of the live heap, from %s to %s bytes", before.bytes(), after.bytes())
          .isLessThan(4L * 1024 * 1024);
    }
  }

  private static void awaitObserved(PipelineNamespace ns, String name, long generation) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              EventPipeline pipeline = ns.pipeline(name);
              return pipeline.getStatus() != null
                  && Long.valueOf(generation).equals(pipeline.getStatus().getObservedGeneration());
            });
  }

  private static void createUnrelatedSecrets() throws InterruptedException {
    var payload = new byte[SECRET_BYTES];
    new Random(7).nextBytes(payload);
    var data = Base64.getEncoder().encodeToString(payload);
    var pool = Executors.newFixedThreadPool(4);
    IntStream.range(0, SECRETS)
        .forEach(
            i ->
                pool.submit(
                    () ->
                        server
                            .client()
                            .secrets()
                            .inNamespace(namespace)
                            .resource(
                                new SecretBuilder()
                                    .withNewMetadata()
                                    .withName("sh.helm.release.v1.app-" + i + ".v1")
                                    .addToLabels("owner", "helm")
                                    .addToLabels("name", "app-" + i)
                                    .endMetadata()
                                    .withType("helm.sh/release.v1")
                                    .addToData("release", data)
                                    .build())
                            .create()));
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    assertThat(server.client().secrets().inNamespace(namespace).withLabel("owner", "helm").list())
        .satisfies(l -> assertThat(l.getItems()).hasSize(SECRETS));
  }

  /** Runs jcmd GC.class_histogram, which collects garbage first, on the operator process. */
  private static Heap heap(long pid) throws IOException, InterruptedException {
    var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    var process =
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    var total = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$").matcher(out);
    assertThat(total.find()).as("a class histogram:%n%s", out).isTrue();
    var secrets =
        Pattern.compile(
                "(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(SECRET_CLASS) + "\\s")
            .matcher(out);
    return new Heap(
        Long.parseLong(total.group(2)), secrets.find() ? Long.parseLong(secrets.group(1)) : 0);
  }
}
