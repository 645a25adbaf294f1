package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerDisruptionBudget;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The consumers' PodDisruptionBudget. */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class DisruptionBudgetDependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, EventPipeline> {

  @Override
  protected PodDisruptionBudget desired(EventPipeline pipeline, Context<EventPipeline> context) {
    return ConsumerDisruptionBudget.build(pipeline);
  }
}
