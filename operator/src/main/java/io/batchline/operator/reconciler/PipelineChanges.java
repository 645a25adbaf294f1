package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.PipelineMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;
import java.util.Optional;

/**
 * Which updates of a pipeline start a reconcile: a new generation (a spec change), or a change of
 * the {@link PipelineMetadata#PAUSED_ANNOTATION} annotation, which does not change the generation.
 * The operator's own status writes are not among them.
 */
public class PipelineChanges implements OnUpdateFilter<EventPipeline> {

  @Override
  public boolean accept(EventPipeline updated, EventPipeline old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || PipelineMetadata.paused(updated) != PipelineMetadata.paused(old)
        || Optional.ofNullable(updated.getMetadata().getDeletionTimestamp()).isPresent();
  }
}
