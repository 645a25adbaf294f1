package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerDeployment;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The consumer Deployment, whose pod template follows the referenced Secrets' values. It is applied
 * only after the ConfigMap (the workflow's dependsOn), so that a new config hash never rolls pods
 * onto the old configuration.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class DeploymentDependent
    extends CRUDKubernetesDependentResource<Deployment, EventPipeline> {

  @Override
  protected Deployment desired(EventPipeline pipeline, Context<EventPipeline> context) {
    var inputs = WorkflowInputs.of(context);
    return ConsumerDeployment.build(pipeline, inputs.defaults(), inputs.secretHash());
  }
}
