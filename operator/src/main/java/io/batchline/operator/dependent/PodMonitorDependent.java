package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerPodMonitor;
import io.batchline.operator.model.PipelineMetadata;
import io.batchline.operator.model.PodMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The PodMonitor that has the Prometheus Operator scrape the consumers (see PodMonitorsServed). */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = PipelineMetadata.MANAGED_SELECTOR))
public class PodMonitorDependent
    extends CRUDKubernetesDependentResource<PodMonitor, EventPipeline> {

  @Override
  protected PodMonitor desired(EventPipeline pipeline, Context<EventPipeline> context) {
    return ConsumerPodMonitor.build(pipeline, WorkflowInputs.of(context).defaults());
  }
}
