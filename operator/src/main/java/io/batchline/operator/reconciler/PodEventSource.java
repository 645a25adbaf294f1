package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.PipelineMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.Set;

/**
 * Watches the consumer pods, so that a consumer that keeps failing shows in the pipeline's Degraded
 * condition. Pods are owned by ReplicaSets, not by the pipeline, so they are mapped to it by their
 * instance label; only pods the operator's Deployments made are watched.
 */
final class PodEventSource {

  static final String NAME = "consumer-pods";

  private PodEventSource() {}

  static InformerEventSource<Pod, EventPipeline> create(EventSourceContext<EventPipeline> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Pod.class, EventPipeline.class)
            .withName(NAME)
            .withNamespacesInheritedFromController()
            .withLabelSelector(PipelineMetadata.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(
                pod ->
                    Optional.ofNullable(pod.getMetadata().getLabels())
                        .map(labels -> labels.get(PipelineMetadata.INSTANCE_LABEL))
                        .map(name -> Set.of(new ResourceID(name, pod.getMetadata().getNamespace())))
                        .orElse(Set.of()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }
}
