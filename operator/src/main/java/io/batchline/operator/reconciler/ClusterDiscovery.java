package io.batchline.operator.reconciler;

import io.batchline.operator.model.AutoscalingPlatform;
import io.batchline.operator.model.ScaledObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * Asks the API server, through discovery, whether KEDA's ScaledObject is served. Asked on every
 * reconcile, so that installing or removing KEDA takes effect without restarting the operator;
 * discovery is open to every authenticated user, so it needs no RBAC rule.
 */
public final class KedaDiscovery implements Supplier<AutoscalingPlatform> {

  private final KubernetesClient client;
  private final String prometheusUrl;

  public KedaDiscovery(KubernetesClient client, String prometheusUrl) {
    this.client = client;
    this.prometheusUrl = prometheusUrl;
  }

  @Override
  public AutoscalingPlatform get() {
    return new AutoscalingPlatform(client.supports(ScaledObject.class), prometheusUrl);
  }
}
