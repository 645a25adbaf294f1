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
import io.batchline.operator.dependent.PodMonitorDependent;
import io.batchline.operator.dependent.PodMonitorsServed;
import io.batchline.operator.dependent.ScaledObjectDependent;
import io.batchline.operator.dependent.ScaledObjectRequested;
import io.batchline.operator.dependent.WorkflowInputs;
import io.batchline.operator.model.ClusterFeatures;
import io.batchline.operator.model.ConsumerDeployment;
import io.batchline.operator.model.ConsumerFailure;
import io.batchline.operator.model.OperatorDefaults;
import io.batchline.operator.model.PipelineHealth;
import io.batchline.operator.model.PipelineMetadata;
import io.batchline.operator.model.SecretReferences;
import io.batchline.operator.model.SpecValidation;
import io.batchline.operator.model.StatusDiff;
import io.batchline.operator.model.StatusEvents;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a pipeline's objects and reports how they are doing. The workflow is invoked here, not
 * before reconcile, so that an invalid spec, or the {@code batchline.io/paused} annotation, is
 * reported in the status and nothing is applied. The referenced Secrets are read by name at each
 * reconcile (see SecretReader); while one is missing the pipeline is looked at again every {@link
 * #SECRET_RECHECK}, and otherwise at least every maximum reconcile interval, which is also how soon
 * a rotated credential rolls the pods. The Deployment is applied after the ConfigMap.
 *
 * <p>A failed reconcile is retried without limit, with a backoff capped at one minute; only a
 * failure that persists sets Degraded (see {@link PipelineHealth#failed}).
 */
@ControllerConfiguration(
    name = EventPipelineReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = PipelineChanges.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 1000,
    intervalMultiplier = 1.5,
    maxInterval = 60_000)
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = EventPipelineReconciler.CONFIG, type = ConfigMapDependent.class),
      @Dependent(type = DeploymentDependent.class, dependsOn = EventPipelineReconciler.CONFIG),
      @Dependent(type = MetricsServiceDependent.class),
      @Dependent(type = DisruptionBudgetDependent.class),
      @Dependent(type = PodMonitorDependent.class, activationCondition = PodMonitorsServed.class),
      @Dependent(type = AutoscalerDependent.class, reconcilePrecondition = HpaChosen.class),
      @Dependent(
          type = ScaledObjectDependent.class,
          activationCondition = KedaInstalled.class,
          reconcilePrecondition = ScaledObjectRequested.class)
    })
public class EventPipelineReconciler implements Reconciler<EventPipeline> {

  public static final String NAME = "eventpipeline";
  static final String CONFIG = "config";
  static final Duration SECRET_RECHECK = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(EventPipelineReconciler.class);

  private final Clock clock;
  private final Supplier<ClusterFeatures> features;
  private final OperatorDefaults defaults;
  private final SecretReader secrets;
  private final EventRecorder events;

  /**
   * @param features what the cluster serves, asked on every reconcile (see ClusterDiscovery)
   */
  public EventPipelineReconciler(
      Clock clock,
      Supplier<ClusterFeatures> features,
      OperatorDefaults defaults,
      SecretReader secrets,
      EventRecorder events) {
    this.clock = clock;
    this.features = features;
    this.defaults = defaults;
    this.secrets = secrets;
    this.events = events;
  }

  @Override
  public List<EventSource<?, EventPipeline>> prepareEventSources(
      EventSourceContext<EventPipeline> context) {
    return List.of(PodEventSource.create(context));
  }

  @Override
  public UpdateControl<EventPipeline> reconcile(
      EventPipeline pipeline, Context<EventPipeline> context) {
    var specProblems = SpecValidation.problems(pipeline);
    var paused = PipelineMetadata.paused(pipeline);
    List<SecretReferences.Problem> secretProblems = List.of();
    if (specProblems.isEmpty()) {
      var referenced = secrets.read(pipeline);
      secretProblems = SecretReferences.problems(pipeline, referenced);
      if (!paused) {
        new WorkflowInputs(
                defaults, features.get(), SecretReferences.contentHash(pipeline, referenced))
            .putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      }
    }
    var seen =
        new PipelineHealth.Observation(
            specProblems,
            secretProblems,
            context.getSecondaryResource(Deployment.class),
            ConsumerFailure.of(context.getSecondaryResources(Pod.class)),
            paused,
            ConsumerDeployment.image(pipeline, defaults));
    var status = PipelineHealth.assess(pipeline, seen, clock.instant());
    var changed = report(pipeline, status);
    UpdateControl<EventPipeline> control =
        changed
            ? UpdateControl.patchStatus(statusOnly(pipeline, status))
            : UpdateControl.noUpdate();
    return secretProblems.isEmpty() ? control : control.rescheduleAfter(SECRET_RECHECK);
  }

  @Override
  public ErrorStatusUpdateControl<EventPipeline> updateErrorStatus(
      EventPipeline pipeline, Context<EventPipeline> context, Exception e) {
    var attempt = context.getRetryInfo().map(RetryInfo::getAttemptCount).orElse(0) + 1;
    log.warn(
        "EventPipeline {}/{}: reconcile failed (attempt {}), retrying with backoff: {}",
        pipeline.getMetadata().getNamespace(),
        pipeline.getMetadata().getName(),
        attempt,
        e.toString());
    return PipelineHealth.failed(pipeline, dependentFailure(e), attempt, clock.instant())
        .filter(status -> report(pipeline, status))
        .map(status -> ErrorStatusUpdateControl.patchStatus(statusOnly(pipeline, status)))
        .orElseGet(ErrorStatusUpdateControl::noStatusUpdate);
  }

  /**
   * A failed workflow throws one exception that holds the failure of each dependent; the status
   * names the first dependent's, whose root cause says what the API server refused.
   */
  static Exception dependentFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AggregatedOperatorException aggregated
          && !aggregated.getAggregatedExceptions().isEmpty()) {
        return new TreeMap<>(aggregated.getAggregatedExceptions()).firstEntry().getValue();
      }
    }
    return e;
  }

  /** Logs the outcome, posts an Event per changed condition, and says whether status changed. */
  private boolean report(EventPipeline pipeline, EventPipelineStatus status) {
    var changed = StatusDiff.changed(pipeline.getStatus(), status);
    var stateChanges = StatusEvents.between(pipeline.getStatus(), status);
    log.info(
        "EventPipeline {}/{}: generation {}, {}, {} ready of {}{}",
        pipeline.getMetadata().getNamespace(),
        pipeline.getMetadata().getName(),
        pipeline.getMetadata().getGeneration(),
        StatusEvents.summary(status),
        status.getReadyReplicas(),
        pipeline.getSpec() == null ? null : pipeline.getSpec().getReplicas(),
        changed ? ", status updated" : "");
    events.record(pipeline, stateChanges);
    return changed;
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
