package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.AutoscalingMetric;
import io.batchline.operator.api.AutoscalingSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class ConsumerAutoscalerTest {

  private static AutoscalingSpec autoscaling(AutoscalingMetric metric, int target) {
    var autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(6);
    autoscaling.setMetric(metric);
    autoscaling.setTarget(target);
    return autoscaling;
  }

  @Test
  void onlyRequestedWhenTheSpecSaysSo() {
    var pipeline = TestPipelines.orders();
    assertThat(ConsumerAutoscaler.requested(pipeline)).isFalse();

    pipeline.getSpec().setAutoscaling(autoscaling(AutoscalingMetric.CPU, 60));
    assertThat(ConsumerAutoscaler.requested(pipeline)).isTrue();
  }

  @Test
  void scalesThePipelineThroughItsScaleSubresource() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(autoscaling(AutoscalingMetric.CPU, 60));

    var hpa = ConsumerAutoscaler.build(pipeline);

    assertThat(hpa.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion())
        .isEqualTo("batchline.io/v1alpha1");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("EventPipeline");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("orders");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMetrics())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getType()).isEqualTo("Resource");
              assertThat(m.getResource().getName()).isEqualTo("cpu");
              assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(60);
            });
  }

  @Test
  void flushUtilizationIsAPodsMetricWithAFractionalTarget() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(autoscaling(AutoscalingMetric.FLUSH_UTILIZATION, 70));

    var metric = ConsumerAutoscaler.build(pipeline).getSpec().getMetrics().get(0);

    assertThat(metric.getType()).isEqualTo("Pods");
    assertThat(metric.getPods().getMetric().getName())
        .isEqualTo("batchline_flush_utilization_ratio");
    assertThat(metric.getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("700m"));
  }

  @Test
  void lagIsAPodsMetricPerConsumerInTheCanonicalForm() {
    var pipeline = TestPipelines.orders();
    var autoscaling = autoscaling(AutoscalingMetric.LAG, 70);
    autoscaling.setLagThreshold(12000);
    pipeline.getSpec().setAutoscaling(autoscaling);

    var metric = ConsumerAutoscaler.build(pipeline).getSpec().getMetrics().get(0);

    assertThat(metric.getType()).isEqualTo("Pods");
    assertThat(metric.getPods().getMetric().getName()).isEqualTo("batchline_consumer_lag_records");
    assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("12k");
  }

  @Test
  void scalingIsStabilizedAndOneRebalanceAtATimeOnTheWayDown() {
    var pipeline = TestPipelines.orders();
    var autoscaling = autoscaling(AutoscalingMetric.LAG, 70);
    autoscaling.setScaleUpStabilizationSeconds(30);
    autoscaling.setScaleDownStabilizationSeconds(600);
    pipeline.getSpec().setAutoscaling(autoscaling);

    var behavior = ConsumerAutoscaler.build(pipeline).getSpec().getBehavior();

    assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isEqualTo(30);
    assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(600);
    assertThat(behavior.getScaleDown().getPolicies())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getType()).isEqualTo("Pods");
              assertThat(p.getValue()).isEqualTo(1);
            });
  }

  @Test
  void maxReplicasIsCappedByThePartitions() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(autoscaling(AutoscalingMetric.LAG, 70));
    pipeline.getSpec().getKafka().setPartitions(3);

    assertThat(ConsumerAutoscaler.build(pipeline).getSpec().getMaxReplicas()).isEqualTo(3);
  }

  @Test
  void countsAreInTheCanonicalFormTheServerStores() {
    assertThat(ConsumerAutoscaler.count(1000).toString()).isEqualTo("1k");
    assertThat(ConsumerAutoscaler.count(1500).toString()).isEqualTo("1500");
    assertThat(ConsumerAutoscaler.count(2_000_000).toString()).isEqualTo("2M");
    assertThat(ConsumerAutoscaler.count(7).toString()).isEqualTo("7");
  }

  @Test
  void withoutAutoscalingItStillNamesTheHpaSoThatItCanBeDeleted() {
    var hpa = ConsumerAutoscaler.build(TestPipelines.orders());

    assertThat(hpa.getMetadata().getName()).isEqualTo("orders");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(hpa.getSpec().getMinReplicas());
  }

  @Test
  void fractionsAreInTheCanonicalFormTheServerStores() {
    assertThat(ConsumerAutoscaler.fraction(70).toString()).isEqualTo("700m");
    assertThat(ConsumerAutoscaler.fraction(5).toString()).isEqualTo("50m");
    assertThat(ConsumerAutoscaler.fraction(100).toString()).isEqualTo("1");
  }
}
