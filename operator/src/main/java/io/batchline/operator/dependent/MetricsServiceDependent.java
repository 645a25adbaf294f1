package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.MetricsService;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service that Prometheus scrapes. */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class MetricsServiceDependent
    extends CRUDKubernetesDependentResource<Service, EventPipeline> {

  @Override
  protected Service desired(EventPipeline pipeline, Context<EventPipeline> context) {
    return MetricsService.build(pipeline);
  }
}
