package io.batchline.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import org.junit.jupiter.api.Test;

class PipelineMetadataTest {

  @Test
  void ownedObjectsAreControlledByThePipelineAndBlockItsDeletion() {
    var meta = PipelineMetadata.owned(TestPipelines.orders(), "orders-config");

    assertThat(meta.getName()).isEqualTo("orders-config");
    assertThat(meta.getNamespace()).isEqualTo("shop");
    assertThat(meta.getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getApiVersion()).isEqualTo("batchline.io/v1alpha1");
              assertThat(ref.getKind()).isEqualTo("EventPipeline");
              assertThat(ref.getName()).isEqualTo("orders");
              assertThat(ref.getUid()).isEqualTo("0b6c2f4e-1111-2222-3333-444455556666");
              assertThat(ref.getController()).isTrue();
              assertThat(ref.getBlockOwnerDeletion()).isTrue();
            });
  }

  @Test
  void aPipelineWithoutUidOwnsNothingYet() {
    var meta = PipelineMetadata.owned(TestPipelines.unsaved("orders", "shop"), "orders");

    assertThat(meta.getOwnerReferences()).isEmpty();
  }

  @Test
  void selectorIsNameAndInstanceInScaleSubresourceForm() {
    var pipeline = TestPipelines.orders();

    assertThat(PipelineMetadata.selector(pipeline))
        .isEqualTo("app.kubernetes.io/instance=orders,app.kubernetes.io/name=batchline-consumer");
    assertThat(PipelineMetadata.labels(pipeline))
        .containsAllEntriesOf(PipelineMetadata.selectorLabels(pipeline))
        .containsEntry("app.kubernetes.io/managed-by", "batchline-operator");
  }

  @Test
  void objectNamesDeriveFromThePipelineName() {
    var pipeline = TestPipelines.orders();

    assertThat(PipelineMetadata.deploymentName(pipeline)).isEqualTo("orders");
    assertThat(PipelineMetadata.configMapName(pipeline)).isEqualTo("orders-config");
    assertThat(PipelineMetadata.serviceName(pipeline)).isEqualTo("orders-metrics");
  }
}
