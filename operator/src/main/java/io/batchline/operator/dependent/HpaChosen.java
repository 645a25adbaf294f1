package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ConsumerAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The HPA exists only while spec.autoscaling is set and KEDA is not installed; JOSDK deletes it
 * when this is not met, so installing KEDA swaps it for a ScaledObject at the next reconcile.
 */
public class HpaChosen implements Condition<HorizontalPodAutoscaler, EventPipeline> {

  @Override
  public boolean isMet(
      DependentResource<HorizontalPodAutoscaler, EventPipeline> dependentResource,
      EventPipeline primary,
      Context<EventPipeline> context) {
    return ConsumerAutoscaler.requested(primary) && !WorkflowInputs.of(context).features().keda();
  }
}
