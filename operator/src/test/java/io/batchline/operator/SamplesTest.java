package io.batchline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.model.ConsumerDeployment;
import io.batchline.operator.model.ConsumerSettings;
import io.batchline.operator.model.OperatorDefaults;
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
    "eventpipeline-autoscaling.yaml, 200, 5",
    "eventpipeline-sasl.yaml, 200, 5",
    "eventpipeline-custom-table.yaml, 200, 5"
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

  @ParameterizedTest
  @CsvSource({"eventpipeline-sasl.yaml"})
  void theSaslSampleReadsItsKafkaLoginFromASecretOnly(String file) {
    var pipeline = Samples.load(file);
    var kafka = pipeline.getSpec().getKafka();

    assertThat(kafka.getSecretProperties()).containsOnlyKeys("sasl.jaas.config");
    assertThat(kafka.getProperties()).doesNotContainKey("sasl.jaas.config");
    assertThat(
            ConsumerDeployment.build(pipeline, OperatorDefaults.standard())
                .getSpec()
                .getTemplate()
                .getSpec())
        .satisfies(
            pod ->
                assertThat(pod.getContainers().get(0).getEnv())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getName()).isEqualTo("KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
                          assertThat(e.getValueFrom().getSecretKeyRef().getName())
                              .isEqualTo("kafka-login");
                        }));
  }

  @ParameterizedTest
  @CsvSource({"eventpipeline-custom-table.yaml"})
  void theCustomTableSampleMapsItsColumnsIntoOneVariable(String file) {
    var pipeline = Samples.load(file);

    assertThat(ConsumerSettings.environment(pipeline))
        .containsEntry(
            "CLICKHOUSE_COLUMNS",
            "quantity=properties.quantity,raw=_event,region=properties.region,"
                + "trace=_header.trace-id");
  }
}
