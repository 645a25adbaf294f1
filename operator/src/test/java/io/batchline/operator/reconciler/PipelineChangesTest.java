package io.batchline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineChangesTest {

  private final PipelineChanges filter = new PipelineChanges();

  private static EventPipeline copy(EventPipeline pipeline) {
    return Serialization.clone(pipeline);
  }

  @Test
  void aSpecChangeStartsAReconcile() {
    var old = TestPipelines.orders();
    var updated = copy(old);
    updated.getMetadata().setGeneration(2L);

    assertThat(filter.accept(updated, old)).isTrue();
  }

  @Test
  void pausingAndResumingStartAReconcileThoughTheGenerationStays() {
    var old = TestPipelines.orders();
    var paused = copy(old);
    paused.getMetadata().setAnnotations(Map.of(PipelineMetadata.PAUSED_ANNOTATION, "true"));

    assertThat(filter.accept(paused, old)).isTrue();
    assertThat(filter.accept(old, paused)).isTrue();
  }

  @Test
  void theOperatorsOwnStatusWritesAndOtherMetadataDoNot() {
    var old = TestPipelines.orders();
    var updated = copy(old);
    updated.getMetadata().setLabels(Map.of("team", "billing"));
    updated.getMetadata().setResourceVersion("43");
    updated.getStatus().setObservedGeneration(1L);

    assertThat(filter.accept(updated, old)).isFalse();
  }
}
