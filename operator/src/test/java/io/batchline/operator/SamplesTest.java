package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.model.SpecValidation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class SamplesTest {

  @ParameterizedTest
  @FieldSource("io.batchline.operator.Samples#FILES")
  void everySampleIsAValidPipeline(String file) {
    var pipeline = Samples.load(file);

    assertThat(pipeline.getKind()).isEqualTo("EventPipeline");
    assertThat(pipeline.getApiVersion()).isEqualTo("batchline.io/v1alpha1");
    assertThat(SpecValidation.problems(pipeline)).isEmpty();
    assertThat(pipeline.getSpec().getClickhouse().getPassword().getSecretKeyRef()).isNotNull();
  }

  @ParameterizedTest(name = "{0} is {1}/{2}")
  @CsvSource({
    "eventpipeline-balanced.yaml, 200, 5",
    "eventpipeline-high-throughput.yaml, 500, 10",
    "eventpipeline-low-latency.yaml, 100, 2",
    "eventpipeline-autoscaling.yaml, 200, 5"
  })
  void presetSamplesCarryTheTuningTableValues(String file, int size, int flushSeconds) {
    var batch = Samples.load(file).getSpec().getBatch();

    assertThat(batch.getSize()).isEqualTo(size);
    assertThat(batch.getFlushSeconds()).isEqualTo(flushSeconds);
  }

  @ParameterizedTest
  @CsvSource({"eventpipeline-autoscaling.yaml"})
  void theAutoscalingSampleLeavesReplicasToTheAutoscaler(String file) {
    var spec = Samples.load(file).getSpec();

    assertThat(spec.getAutoscaling().getMaxReplicas())
        .isGreaterThan(spec.getAutoscaling().getMinReplicas());
    assertThat(Samples.path(file)).content().doesNotContain("replicas: ");
  }
}
