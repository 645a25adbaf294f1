package io.batchline.operator;

import io.batchline.operator.model.AutoscalingPlatform;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How an operator process runs, read from the environment.
 *
 * @param leaseName the Lease that elects the leader
 * @param leaseNamespace the Lease's namespace; the kubeconfig's namespace when empty
 * @param identity this instance in the Lease; the host name when empty
 * @param leaseDuration how long a leader that stopped renewing keeps the Lease
 * @param exitOnLostLease whether to exit when leadership is lost (always, outside tests)
 * @param metricsPort port of /metrics, /healthz and /readyz; 0 picks a free one
 * @param prometheusUrl the Prometheus that KEDA's triggers query for flushUtilization
 */
public record OperatorSettings(
    String leaseName,
    Optional<String> leaseNamespace,
    Optional<String> identity,
    Duration leaseDuration,
    boolean exitOnLostLease,
    int metricsPort,
    String prometheusUrl) {

  public static final String DEFAULT_LEASE = "batchline-operator";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    return new OperatorSettings(
        env.getOrDefault("BATCHLINE_LEASE_NAME", DEFAULT_LEASE),
        Optional.ofNullable(env.get("BATCHLINE_LEASE_NAMESPACE"))
            .or(() -> Optional.ofNullable(env.get("POD_NAMESPACE"))),
        Optional.ofNullable(env.get("POD_NAME")),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("BATCHLINE_LEASE_SECONDS", "15"))),
        true,
        Integer.parseInt(env.getOrDefault("BATCHLINE_METRICS_PORT", "8080")),
        env.getOrDefault("BATCHLINE_PROMETHEUS_URL", AutoscalingPlatform.DEFAULT_PROMETHEUS_URL));
  }

  /** Renew well before the Lease runs out, and retry often enough to notice a lost leader. */
  Duration renewDeadline() {
    return leaseDuration.multipliedBy(2).dividedBy(3);
  }

  Duration retryPeriod() {
    return leaseDuration.dividedBy(5);
  }
}
