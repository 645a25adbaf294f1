package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Names, labels and ownership shared by every object made for a pipeline. */
public final class PipelineMetadata {

  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String APP_NAME = "batchline-consumer";
  public static final String MANAGED_BY = "batchline-operator";

  /** {@code "true"} holds every change of the pipeline: the operator applies nothing. */
  public static final String PAUSED_ANNOTATION = "batchline.io/paused";

  /** Selects every object the operator made; its informers watch only those. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private PipelineMetadata() {}

  public static boolean paused(EventPipeline pipeline) {
    var annotations = pipeline.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(PAUSED_ANNOTATION));
  }

  public static String deploymentName(EventPipeline pipeline) {
    return pipeline.getMetadata().getName();
  }

  public static String configMapName(EventPipeline pipeline) {
    return pipeline.getMetadata().getName() + "-config";
  }

  public static String serviceName(EventPipeline pipeline) {
    return pipeline.getMetadata().getName() + "-metrics";
  }

  /** The labels that select a pipeline's pods; they never change over its life. */
  public static Map<String, String> selectorLabels(EventPipeline pipeline) {
    var labels = new TreeMap<String, String>();
    labels.put(NAME_LABEL, APP_NAME);
    labels.put(INSTANCE_LABEL, pipeline.getMetadata().getName());
    return labels;
  }

  /** The selector in the string form of the scale subresource's status.selector. */
  public static String selector(EventPipeline pipeline) {
    return selectorLabels(pipeline).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  public static Map<String, String> labels(EventPipeline pipeline) {
    var labels = new TreeMap<>(selectorLabels(pipeline));
    labels.put("app.kubernetes.io/component", "consumer");
    labels.put("app.kubernetes.io/part-of", "batchline");
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }

  /** Metadata of an object owned by the pipeline, in its namespace, with the common labels. */
  public static ObjectMeta owned(EventPipeline pipeline, String name) {
    var meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(pipeline.getMetadata().getNamespace())
            .withLabels(labels(pipeline));
    if (pipeline.getMetadata().getUid() != null) {
      meta.withOwnerReferences(controllerReference(pipeline));
    }
    return meta.build();
  }

  /**
   * The owner reference that makes the pipeline the managing controller of an object: deleting the
   * pipeline deletes the object, and the object is not deleted ahead of the pipeline during a
   * foreground deletion. JOSDK's own reference sets neither flag.
   */
  public static OwnerReference controllerReference(EventPipeline pipeline) {
    return new OwnerReferenceBuilder()
        .withApiVersion(EventPipeline.API_VERSION)
        .withKind(EventPipeline.KIND)
        .withName(pipeline.getMetadata().getName())
        .withUid(pipeline.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
