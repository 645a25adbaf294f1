package io.batchline.operator.model;

import io.batchline.operator.api.ConsumerSpec;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the operator's own settings add to every pipeline's objects.
 *
 * @param consumerImage the consumer image of pipelines that set no spec.consumer.image
 * @param prometheusUrl where KEDA's Prometheus triggers query the consumers' metrics
 * @param podMonitorLabels extra labels on each PodMonitor, so that a Prometheus whose
 *     podMonitorSelector asks for them (kube-prometheus-stack asks for {@code release}) picks it up
 */
public record OperatorDefaults(
    String consumerImage, String prometheusUrl, SortedMap<String, String> podMonitorLabels) {

  public static final String DEFAULT_PROMETHEUS_URL = "http://prometheus-operated.monitoring:9090";

  public OperatorDefaults {
    podMonitorLabels = new TreeMap<>(podMonitorLabels);
  }

  /** An operator with no settings: the image it was released with, the usual Prometheus. */
  public static OperatorDefaults standard() {
    return new OperatorDefaults(
        ConsumerSpec.DEFAULT_IMAGE, DEFAULT_PROMETHEUS_URL, new TreeMap<>());
  }

  public OperatorDefaults withConsumerImage(String image) {
    return new OperatorDefaults(image, prometheusUrl, podMonitorLabels);
  }

  /** {@code k=v,k2=v2} as a map; blank gives none. */
  public static SortedMap<String, String> parseLabels(String text) {
    var labels = new TreeMap<String, String>();
    if (text == null || text.isBlank()) {
      return labels;
    }
    for (var pair : text.split(",")) {
      var parts = pair.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("expected key=value pairs separated by commas: " + text);
      }
      labels.put(parts[0].strip(), parts[1].strip());
    }
    return labels;
  }
}
