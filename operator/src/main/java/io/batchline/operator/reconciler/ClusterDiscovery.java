package io.batchline.operator.reconciler;

import io.batchline.operator.model.ClusterFeatures;
import io.batchline.operator.model.PodMonitor;
import io.batchline.operator.model.ScaledObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * Asks the API server, through discovery, whether KEDA's ScaledObject and the Prometheus Operator's
 * PodMonitor are served. Asked on every reconcile, so that installing or removing either takes
 * effect without restarting the operator; discovery is open to every authenticated user, so it
 * needs no RBAC rule.
 */
public final class ClusterDiscovery implements Supplier<ClusterFeatures> {

  private final KubernetesClient client;

  public ClusterDiscovery(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ClusterFeatures get() {
    return new ClusterFeatures(
        client.supports(ScaledObject.class), client.supports(PodMonitor.class));
  }
}
