package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.PodMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activates the PodMonitor dependent: its informer is registered only once the Prometheus
 * Operator's CRD is served, so the operator starts, and runs, on clusters without it.
 */
public class PodMonitorsServed implements Condition<PodMonitor, EventPipeline> {

  @Override
  public boolean isMet(
      DependentResource<PodMonitor, EventPipeline> dependentResource,
      EventPipeline primary,
      Context<EventPipeline> context) {
    return WorkflowInputs.of(context).features().podMonitors();
  }
}
