package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<HasMetadata> rendered() {
    var text = out.toString(StandardCharsets.UTF_8);
    var list = new KubernetesList();
    list.setItems(
        Serialization.unmarshal(
            new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    return list.getItems();
  }

  @Test
  void renderPrintsEveryObjectOfASampleWithNoCluster() throws Exception {
    var code = run("render", "-f", Samples.path("eventpipeline-autoscaling.yaml").toString());

    assertThat(code).isZero();
    assertThat(rendered())
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");
    assertThat(rendered())
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("default"));
  }

  @Test
  void renderWithKedaPrintsTheScaledObjectInsteadOfTheHpa() throws Exception {
    var code =
        run("render", "--keda", "-f", Samples.path("eventpipeline-autoscaling.yaml").toString());

    assertThat(code).isZero();
    assertThat(rendered()).extracting(HasMetadata::getKind).endsWith("ScaledObject");
  }

  @Test
  void renderWithPodMonitorAddsItAndShowsTheColumnMapping() throws Exception {
    var code =
        run(
            "render",
            "--keda",
            "--pod-monitor",
            "-f",
            Samples.path("eventpipeline-custom-table.yaml").toString());

    assertThat(code).isZero();
    assertThat(rendered()).extracting(HasMetadata::getKind).contains("PodMonitor");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "CLICKHOUSE_COLUMNS: \"quantity=properties.quantity,raw=_event,region=properties.region,"
                + "trace=_header.trace-id\"");
  }

  @Test
  void renderRefusesAnInvalidPipelineWithTheReason(@TempDir Path dir) throws Exception {
    var file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        apiVersion: batchline.io/v1alpha1
        kind: EventPipeline
        metadata:
          name: bad
        spec:
          clickhouse:
            url: http://clickhouse:8123
        """);

    assertThat(run("render", "-f", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("spec.kafka is required");
    assertThat(out.size()).isZero();
  }

  @Test
  void aMissingFileIsAnErrorNotACrash() throws Exception {
    assertThat(run("render", "-f", "/nonexistent/pipeline.yaml")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("render: ");
  }

  @Test
  void unknownArgumentsPrintUsage() throws Exception {
    assertThat(run("render", "--kdea", "-f", "x.yaml")).isEqualTo(2);
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }
}
