package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.StatusEvents.PipelineEvent;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts Kubernetes Events on a pipeline, as {@code kubectl describe evp NAME} shows them. */
@FunctionalInterface
public interface EventRecorder {

  String COMPONENT = "batchline-operator";

  void record(EventPipeline pipeline, List<PipelineEvent> events);

  /**
   * Posts each event as a core/v1 Event. An Event that cannot be posted is logged and dropped: it
   * must never fail the reconcile that reported the change.
   */
  static EventRecorder of(KubernetesClient client, Clock clock, String instance) {
    var log = LoggerFactory.getLogger(EventRecorder.class);
    return (pipeline, events) ->
        events.forEach(e -> post(client, clock, instance, log, pipeline, e));
  }

  private static void post(
      KubernetesClient client,
      Clock clock,
      String instance,
      Logger log,
      EventPipeline pipeline,
      PipelineEvent event) {
    var meta = pipeline.getMetadata();
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    var kubernetesEvent =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(meta.getName() + ".")
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(EventPipeline.API_VERSION)
                    .withKind(EventPipeline.KIND)
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType(event.type())
            .withReason(event.reason())
            .withMessage(event.message())
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .build();
    try {
      client.v1().events().inNamespace(meta.getNamespace()).resource(kubernetesEvent).create();
    } catch (KubernetesClientException e) {
      log.warn(
          "EventPipeline {}/{}: could not post event {}: {}",
          meta.getNamespace(),
          meta.getName(),
          event.reason(),
          e.getMessage());
    }
  }
}
