package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** The consumer's non-secret configuration, loaded into the container with envFrom. */
public final class ConsumerConfigMap {

  private ConsumerConfigMap() {}

  public static ConfigMap build(EventPipeline pipeline) {
    return new ConfigMapBuilder()
        .withMetadata(PipelineMetadata.owned(pipeline, PipelineMetadata.configMapName(pipeline)))
        .withData(ConsumerSettings.environment(pipeline))
        .build();
  }
}
