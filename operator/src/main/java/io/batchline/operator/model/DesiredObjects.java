package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Every object the operator applies for a pipeline, in apply order. Used by render. */
public final class DesiredObjects {

  private DesiredObjects() {}

  public static List<HasMetadata> of(
      EventPipeline pipeline, OperatorDefaults defaults, ClusterFeatures features) {
    var objects = new ArrayList<HasMetadata>();
    objects.add(ConsumerConfigMap.build(pipeline));
    objects.add(ConsumerDeployment.build(pipeline, defaults));
    objects.add(MetricsService.build(pipeline));
    objects.add(ConsumerDisruptionBudget.build(pipeline));
    if (features.podMonitors()) {
      objects.add(ConsumerPodMonitor.build(pipeline, defaults));
    }
    if (ConsumerAutoscaler.requested(pipeline)) {
      objects.add(
          features.keda()
              ? ConsumerScaledObject.build(pipeline, defaults)
              : ConsumerAutoscaler.build(pipeline));
    }
    return objects;
  }
}
