package io.batchline.operator;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.ClusterFeatures;
import io.batchline.operator.model.DesiredObjects;
import io.batchline.operator.model.OperatorDefaults;
import io.batchline.operator.model.SpecValidation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code render [--keda] [--pod-monitor] -f pipeline.yaml}: the objects the operator would apply
 * for a pipeline, as one YAML stream, with no cluster. The namespace defaults to {@code default};
 * owner references are left out because the pipeline has no uid until it is created. The autoscaler
 * is an HPA, or with --keda the ScaledObject the operator applies where KEDA is installed;
 * --pod-monitor adds the PodMonitor made where the Prometheus Operator is installed.
 */
public final class RenderCommand {

  private RenderCommand() {}

  /**
   * @param defaults the operator's settings (consumer image, Prometheus)
   * @param features what the cluster is assumed to serve (KEDA, PodMonitor)
   */
  public static String render(
      InputStream pipelineYaml, OperatorDefaults defaults, ClusterFeatures features) {
    var pipeline = Serialization.unmarshal(pipelineYaml, EventPipeline.class);
    if (pipeline == null || pipeline.getMetadata() == null) {
      throw new IllegalArgumentException("the file holds no EventPipeline with metadata");
    }
    if (!EventPipeline.KIND.equals(pipeline.getKind())) {
      throw new IllegalArgumentException("expected kind EventPipeline, got " + pipeline.getKind());
    }
    pipeline
        .getMetadata()
        .setNamespace(Optional.ofNullable(pipeline.getMetadata().getNamespace()).orElse("default"));
    var problems = SpecValidation.problems(pipeline);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid EventPipeline: " + String.join("; ", problems));
    }
    return DesiredObjects.of(pipeline, defaults, features).stream()
        .map(Serialization::asYaml)
        .collect(Collectors.joining());
  }
}
