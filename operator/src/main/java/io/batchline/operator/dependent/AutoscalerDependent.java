package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerAutoscaler;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The HPA, present only while spec.autoscaling is set and KEDA is absent (see HpaChosen). */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class AutoscalerDependent
    extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, EventPipeline> {

  @Override
  protected HorizontalPodAutoscaler desired(
      EventPipeline pipeline, Context<EventPipeline> context) {
    return ConsumerAutoscaler.build(pipeline);
  }
}
