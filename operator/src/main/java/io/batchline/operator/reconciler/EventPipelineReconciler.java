package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.api.EventPipelineStatus;
import io.batchline.operator.dependent.AutoscalerDependent;
import io.batchline.operator.dependent.ConfigMapDependent;
import io.batchline.operator.dependent.DeploymentDependent;
import io.batchline.operator.dependent.DisruptionBudgetDependent;
import io.batchline.operator.dependent.HpaChosen;
import io.batchline.operator.dependent.KedaInstalled;
import io.batchline.operator.dependent.MetricsServiceDependent;
import io.batchline.operator.dependent.Platform;
import io.batchline.operator.dependent.ScaledObjectDependent;
import io.batchline.operator.dependent.ScaledObjectRequested;
import io.batchline.operator.model.AutoscalingPlatform;
import io.batchline.operator.model.ConsumerFailure;
import io.batchline.operator.model.PipelineHealth;
import io.batchline.operator.model.SecretReferences;
import io.batchline.operator.model.SpecValidation;
import io.batchline.operator.model.StatusDiff;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies a pipeline's objects and reports how they are doing. The workflow is invoked here, not
 * before reconcile, so that an invalid spec is reported in the status and nothing is applied. A
 * missing Secret does not stop the apply: the pods wait for it, and the Secret watch brings the
 * pipeline back here when it appears. The autoscaler is an HPA, or a KEDA ScaledObject when KEDA is
 * installed; the ScaledObject's informer is only registered once KEDA's CRD is served.
 */
@ControllerConfiguration(name = EventPipelineReconciler.NAME)
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(type = ConfigMapDependent.class),
      @Dependent(type = DeploymentDependent.class),
      @Dependent(type = MetricsServiceDependent.class),
      @Dependent(type = DisruptionBudgetDependent.class),
      @Dependent(type = AutoscalerDependent.class, reconcilePrecondition = HpaChosen.class),
      @Dependent(
          type = ScaledObjectDependent.class,
          activationCondition = KedaInstalled.class,
          reconcilePrecondition = ScaledObjectRequested.class)
    })
public class EventPipelineReconciler implements Reconciler<EventPipeline> {

  public static final String NAME = "eventpipeline";

  private final Clock clock;
  private final Supplier<AutoscalingPlatform> platform;

  /**
   * @param platform whether KEDA is installed, asked on every reconcile (see KedaDiscovery)
   */
  public EventPipelineReconciler(Clock clock, Supplier<AutoscalingPlatform> platform) {
    this.clock = clock;
    this.platform = platform;
  }

  @Override
  public List<EventSource<?, EventPipeline>> prepareEventSources(
      EventSourceContext<EventPipeline> context) {
    return List.of(SecretEventSource.create(context), PodEventSource.create(context));
  }

  @Override
  public UpdateControl<EventPipeline> reconcile(
      EventPipeline pipeline, Context<EventPipeline> context) {
    var specProblems = SpecValidation.problems(pipeline);
    if (specProblems.isEmpty()) {
      Platform.put(context, platform.get());
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    }
    var secrets = context.getSecondaryResources(Secret.class);
    var seen =
        new PipelineHealth.Observation(
            specProblems,
            specProblems.isEmpty() ? SecretReferences.problems(pipeline, secrets) : List.of(),
            context.getSecondaryResource(Deployment.class),
            ConsumerFailure.of(context.getSecondaryResources(Pod.class)));
    var status = PipelineHealth.assess(pipeline, seen, clock.instant());
    return StatusDiff.changed(pipeline.getStatus(), status)
        ? UpdateControl.patchStatus(statusOnly(pipeline, status))
        : UpdateControl.noUpdate();
  }

  @Override
  public ErrorStatusUpdateControl<EventPipeline> updateErrorStatus(
      EventPipeline pipeline, Context<EventPipeline> context, Exception e) {
    var status = PipelineHealth.failed(pipeline, e, clock.instant());
    return StatusDiff.changed(pipeline.getStatus(), status)
        ? ErrorStatusUpdateControl.patchStatus(statusOnly(pipeline, status))
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * A server-side apply of the status sends only the fields this controller owns, and no
   * resourceVersion, so that a concurrent spec change does not turn it into a conflict.
   */
  private static EventPipeline statusOnly(EventPipeline pipeline, EventPipelineStatus status) {
    var patch = new EventPipeline();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(pipeline.getMetadata().getName())
            .withNamespace(pipeline.getMetadata().getNamespace())
            .build());
    patch.setSpec(null);
    patch.setStatus(status);
    return patch;
  }
}
