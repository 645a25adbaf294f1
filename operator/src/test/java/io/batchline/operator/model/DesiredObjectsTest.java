package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.AutoscalingSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

class DesiredObjectsTest {

  @Test
  void everyObjectIsOwnedAndLabelled() {
    var objects =
        DesiredObjects.of(
            TestPipelines.orders(), OperatorDefaults.standard(), ClusterFeatures.none());

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly("ConfigMap", "Deployment", "Service", "PodDisruptionBudget");
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getNamespace()).isEqualTo("shop");
              assertThat(o.getMetadata().getOwnerReferences()).hasSize(1);
              assertThat(o.getMetadata().getLabels())
                  .containsEntry(PipelineMetadata.MANAGED_BY_LABEL, PipelineMetadata.MANAGED_BY);
            });
  }

  @Test
  void theAutoscalerComesOnlyWithSpecAutoscaling() {
    var pipeline = TestPipelines.orders();
    var autoscaling = new AutoscalingSpec();
    autoscaling.setMaxReplicas(4);
    pipeline.getSpec().setAutoscaling(autoscaling);

    assertThat(DesiredObjects.of(pipeline, OperatorDefaults.standard(), ClusterFeatures.none()))
        .extracting(HasMetadata::getKind)
        .endsWith("HorizontalPodAutoscaler");
  }

  @Test
  void withKedaTheAutoscalerIsAScaledObject() {
    var pipeline = TestPipelines.orders();
    var autoscaling = new AutoscalingSpec();
    autoscaling.setMaxReplicas(4);
    pipeline.getSpec().setAutoscaling(autoscaling);

    assertThat(
            DesiredObjects.of(
                pipeline, OperatorDefaults.standard(), new ClusterFeatures(true, false)))
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "ScaledObject");
  }

  @Test
  void withThePrometheusOperatorThereIsAPodMonitor() {
    assertThat(
            DesiredObjects.of(
                TestPipelines.orders(),
                OperatorDefaults.standard(),
                new ClusterFeatures(false, true)))
        .extracting(HasMetadata::getKind)
        .containsExactly("ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "PodMonitor");
  }
}
