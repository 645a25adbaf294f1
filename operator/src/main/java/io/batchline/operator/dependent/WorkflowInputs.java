package io.batchline.operator.dependent;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ClusterFeatures;
import io.batchline.operator.model.OperatorDefaults;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * What the reconciler found before it runs the workflow, handed to the dependents through the
 * workflow's context.
 *
 * @param secretHash the digest of the referenced Secrets' values, read for this reconcile only
 */
public record WorkflowInputs(
    OperatorDefaults defaults, ClusterFeatures features, Optional<String> secretHash) {

  public void putInto(Context<EventPipeline> context) {
    context.managedWorkflowAndDependentResourceContext().put(WorkflowInputs.class, this);
  }

  static WorkflowInputs of(Context<EventPipeline> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(WorkflowInputs.class, WorkflowInputs.class);
  }
}
