package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerAutoscaler;
import io.batchline.operator.model.ScaledObject;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** With KEDA installed, the ScaledObject exists only while spec.autoscaling is set. */
public class ScaledObjectRequested implements Condition<ScaledObject, EventPipeline> {

  @Override
  public boolean isMet(
      DependentResource<ScaledObject, EventPipeline> dependentResource,
      EventPipeline primary,
      Context<EventPipeline> context) {
    return ConsumerAutoscaler.requested(primary);
  }
}
