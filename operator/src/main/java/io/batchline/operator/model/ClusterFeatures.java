package io.batchline.operator.model;

/**
 * What the cluster serves beyond Kubernetes itself, as one reconcile found it through discovery.
 *
 * @param keda whether KEDA's keda.sh/v1alpha1 ScaledObject is served: the autoscaler is then a
 *     ScaledObject instead of an HPA
 * @param podMonitors whether the Prometheus Operator's monitoring.coreos.com/v1 PodMonitor is
 *     served: each pipeline then gets one, so that its consumers are scraped
 */
public record ClusterFeatures(boolean keda, boolean podMonitors) {

  /** A cluster with neither, as render assumes unless told otherwise. */
  public static ClusterFeatures none() {
    return new ClusterFeatures(false, false);
  }
}
