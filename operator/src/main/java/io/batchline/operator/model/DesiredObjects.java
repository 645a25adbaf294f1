package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Every object the operator applies for a pipeline, in apply order. Used by render. */
public final class DesiredObjects {

  private DesiredObjects() {}

  public static List<HasMetadata> of(EventPipeline pipeline, AutoscalingPlatform platform) {
    var objects = new ArrayList<HasMetadata>();
    objects.add(ConsumerConfigMap.build(pipeline));
    objects.add(ConsumerDeployment.build(pipeline));
    objects.add(MetricsService.build(pipeline));
    objects.add(ConsumerDisruptionBudget.build(pipeline));
    if (ConsumerAutoscaler.requested(pipeline)) {
      objects.add(
          platform.kedaInstalled()
              ? ConsumerScaledObject.build(pipeline, platform.prometheusUrl())
              : ConsumerAutoscaler.build(pipeline));
    }
    return objects;
  }
}
