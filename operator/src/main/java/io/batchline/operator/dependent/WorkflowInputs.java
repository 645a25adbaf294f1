package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.AutoscalingPlatform;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** The autoscaling platform the reconciler found, handed to the workflow through its context. */
public final class Platform {

  private Platform() {}

  public static void put(Context<EventPipeline> context, AutoscalingPlatform platform) {
    context.managedWorkflowAndDependentResourceContext().put(AutoscalingPlatform.class, platform);
  }

  static AutoscalingPlatform of(Context<EventPipeline> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(AutoscalingPlatform.class, AutoscalingPlatform.class);
  }
}
