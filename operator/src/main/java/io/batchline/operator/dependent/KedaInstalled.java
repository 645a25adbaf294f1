package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ScaledObject;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activates the ScaledObject dependent: its informer is registered only once KEDA's CRD is served,
 * so the operator starts, and runs, on clusters without KEDA.
 */
public class KedaInstalled implements Condition<ScaledObject, EventPipeline> {

  @Override
  public boolean isMet(
      DependentResource<ScaledObject, EventPipeline> dependentResource,
      EventPipeline primary,
      Context<EventPipeline> context) {
    return WorkflowInputs.of(context).features().keda();
  }
}
