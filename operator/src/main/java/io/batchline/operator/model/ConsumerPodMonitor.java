package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PodMonitor that has the Prometheus Operator scrape a pipeline's consumers, made when its CRD is
 * served. That Prometheus ignores {@code prometheus.io/*} annotations, so without it nothing
 * scrapes the consumers and metric-based autoscaling has no input. Each series gets the label
 * {@link #PIPELINE_LABEL} with the pipeline's name (from the pod label {@code
 * app.kubernetes.io/instance}), which the KEDA queries select on.
 */
public final class ConsumerPodMonitor {

  /** The series label that names the pipeline. */
  public static final String PIPELINE_LABEL = "eventpipeline";

  static final String INSTANCE_SOURCE_LABEL =
      "__meta_kubernetes_pod_label_app_kubernetes_io_instance";

  private ConsumerPodMonitor() {}

  public static PodMonitor build(EventPipeline pipeline, OperatorDefaults defaults) {
    var meta = PipelineMetadata.owned(pipeline, PipelineMetadata.deploymentName(pipeline));
    var labels = new TreeMap<>(defaults.podMonitorLabels());
    labels.putAll(meta.getLabels());
    meta.setLabels(labels);
    var endpoint =
        Map.of(
            "port",
            "http",
            "path",
            "/q/metrics",
            "interval",
            "15s",
            "relabelings",
            List.of(
                Map.of(
                    "sourceLabels",
                    List.of(INSTANCE_SOURCE_LABEL),
                    "targetLabel",
                    PIPELINE_LABEL,
                    "action",
                    "replace")));
    var podMonitor = new PodMonitor();
    podMonitor.setMetadata(meta);
    podMonitor.setSpec(
        new LinkedHashMap<>(
            Map.of(
                "selector",
                Map.of("matchLabels", PipelineMetadata.selectorLabels(pipeline)),
                "podMetricsEndpoints",
                List.of(endpoint))));
    return podMonitor;
  }
}
