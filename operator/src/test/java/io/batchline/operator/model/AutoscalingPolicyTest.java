package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.AutoscalingMetric;
import io.batchline.operator.api.AutoscalingSpec;
import org.junit.jupiter.api.Test;

class AutoscalingPolicyTest {

  private static AutoscalingSpec between(int min, int max) {
    var autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(min);
    autoscaling.setMaxReplicas(max);
    return autoscaling;
  }

  @Test
  void theSchemaDefaultsFillWhatTheSpecLeavesOut() {
    var pipeline = TestPipelines.orders();
    var autoscaling = between(2, 6);
    autoscaling.setMetric(null);
    autoscaling.setTarget(null);
    autoscaling.setLagThreshold(null);
    autoscaling.setScaleUpStabilizationSeconds(null);
    autoscaling.setScaleDownStabilizationSeconds(null);
    pipeline.getSpec().setAutoscaling(autoscaling);

    assertThat(AutoscalingPolicy.of(pipeline))
        .isEqualTo(
            new AutoscalingPolicy(
                2,
                6,
                AutoscalingMetric.LAG,
                70,
                1000,
                new AutoscalingPolicy.Stabilization(60, 300)));
  }

  @Test
  void maxReplicasNeverExceedsTheTopicsPartitions() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(between(2, 12));
    pipeline.getSpec().getKafka().setPartitions(6);

    assertThat(AutoscalingPolicy.of(pipeline).maxReplicas()).isEqualTo(6);
  }

  @Test
  void fewerPartitionsThanMinReplicasLowerBoth() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(between(4, 8));
    pipeline.getSpec().getKafka().setPartitions(3);

    var policy = AutoscalingPolicy.of(pipeline);

    assertThat(policy.minReplicas()).isEqualTo(3);
    assertThat(policy.maxReplicas()).isEqualTo(3);
  }

  @Test
  void unknownPartitionsLeaveMaxReplicasAsWritten() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().setAutoscaling(between(1, 40));

    assertThat(AutoscalingPolicy.of(pipeline).maxReplicas()).isEqualTo(40);
  }

  @Test
  void withoutAutoscalingThePolicyStillNamesBounds() {
    var policy = AutoscalingPolicy.of(TestPipelines.orders());

    assertThat(policy.maxReplicas()).isEqualTo(policy.minReplicas());
  }
}
