package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerScaledObject;
import io.batchline.operator.model.PipelineMetadata;
import io.batchline.operator.model.ScaledObject;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The KEDA ScaledObject, used instead of the HPA when KEDA is installed. Its informer is registered
 * only then (see KedaInstalled), so the operator needs no KEDA CRD to start.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class ScaledObjectDependent
    extends CRUDKubernetesDependentResource<ScaledObject, EventPipeline> {

  @Override
  protected ScaledObject desired(EventPipeline pipeline, Context<EventPipeline> context) {
    return ConsumerScaledObject.build(pipeline, WorkflowInputs.of(context).defaults());
  }
}
