package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerConfigMap;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The consumer's ConfigMap. SSA is switched on explicitly: JOSDK leaves ConfigMaps out of it by
 * default.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, EventPipeline> {

  @Override
  protected ConfigMap desired(EventPipeline pipeline, Context<EventPipeline> context) {
    return ConsumerConfigMap.build(pipeline);
  }
}
