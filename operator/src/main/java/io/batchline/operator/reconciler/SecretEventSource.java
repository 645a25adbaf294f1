package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.SecretReferences;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches Secrets so that a pipeline waiting for its credentials Secret is reconciled as soon as
 * the Secret appears or changes, with no polling and no retry loop. The pipelines that name a
 * Secret are found through an index on the pipeline cache.
 */
final class SecretEventSource {

  static final String NAME = "secrets";
  private static final String INDEX = "secret-references";

  private SecretEventSource() {}

  static InformerEventSource<Secret, EventPipeline> create(
      EventSourceContext<EventPipeline> context) {
    var pipelines = context.getPrimaryCache();
    pipelines.addIndexer(INDEX, SecretEventSource::indexKeys);
    var configuration =
        InformerEventSourceConfiguration.from(Secret.class, EventPipeline.class)
            .withName(NAME)
            .withNamespacesInheritedFromController()
            .withPrimaryToSecondaryMapper(
                (EventPipeline pipeline) ->
                    SecretReferences.secretNames(pipeline).stream()
                        .map(n -> new ResourceID(n, pipeline.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
            .withSecondaryToPrimaryMapper(
                secret ->
                    pipelines
                        .byIndex(
                            INDEX,
                            key(
                                secret.getMetadata().getNamespace(),
                                secret.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  private static List<String> indexKeys(EventPipeline pipeline) {
    Set<String> names = SecretReferences.secretNames(pipeline);
    return names.stream().map(n -> key(pipeline.getMetadata().getNamespace(), n)).toList();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
