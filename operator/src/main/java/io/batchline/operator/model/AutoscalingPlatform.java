package io.batchline.operator.model;

/**
 * What the cluster offers for autoscaling, as one reconcile found it: KEDA when its ScaledObject
 * API is served, the HPA otherwise.
 *
 * @param kedaInstalled whether keda.sh/v1alpha1 ScaledObject is served
 * @param prometheusUrl where KEDA's Prometheus trigger queries the consumers' metrics
 */
public record AutoscalingPlatform(boolean kedaInstalled, String prometheusUrl) {

  public static final String DEFAULT_PROMETHEUS_URL = "http://prometheus-operated.monitoring:9090";

  /** A cluster without KEDA, as render assumes. */
  public static AutoscalingPlatform withoutKeda() {
    return new AutoscalingPlatform(false, DEFAULT_PROMETHEUS_URL);
  }
}
