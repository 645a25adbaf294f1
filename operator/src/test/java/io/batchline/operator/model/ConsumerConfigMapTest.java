package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import org.junit.jupiter.api.Test;

class ConsumerConfigMapTest {

  @Test
  void holdsTheConsumerEnvironmentUnderTheConfigName() {
    var pipeline = TestPipelines.orders();

    var configMap = ConsumerConfigMap.build(pipeline);

    assertThat(configMap.getMetadata().getName()).isEqualTo("orders-config");
    assertThat(configMap.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(configMap.getData()).isEqualTo(ConsumerSettings.environment(pipeline));
  }

  @Test
  void followsBatchSize() {
    var pipeline = TestPipelines.orders();
    pipeline.getSpec().getBatch().setSize(1);

    assertThat(ConsumerConfigMap.build(pipeline).getData())
        .containsEntry("EVENT_PROCESSING_BATCH_SIZE", "1");
  }
}
