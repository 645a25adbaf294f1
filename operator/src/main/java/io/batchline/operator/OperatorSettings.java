package io.batchline.operator;

import io.batchline.operator.api.ConsumerSpec;
import io.batchline.operator.model.OperatorDefaults;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an operator process runs, read from the environment.
 *
 * @param lease leader election
 * @param defaults what the operator adds to every pipeline (consumer image, Prometheus, labels)
 * @param watchNamespaces the namespaces whose pipelines it reconciles; empty means all
 * @param resync the longest time between two reconciles of a pipeline, which is also how soon a
 *     rotated Secret value rolls the consumers
 * @param metricsPort port of /metrics, /healthz and /readyz; 0 picks a free one
 */
public record OperatorSettings(
    Lease lease,
    OperatorDefaults defaults,
    Set<String> watchNamespaces,
    Duration resync,
    int metricsPort) {

  public static final String DEFAULT_LEASE = "batchline-operator";

  /**
   * @param name the Lease that elects the leader
   * @param namespace the Lease's namespace; the kubeconfig's namespace when empty
   * @param identity this instance in the Lease; the host name when empty
   * @param duration how long a leader that stopped renewing keeps the Lease
   * @param exitOnLoss whether to exit when leadership is lost (always, outside tests)
   */
  public record Lease(
      String name,
      Optional<String> namespace,
      Optional<String> identity,
      Duration duration,
      boolean exitOnLoss) {

    /** Renew well before the Lease runs out, and retry often enough to notice a lost leader. */
    Duration renewDeadline() {
      return duration.multipliedBy(2).dividedBy(3);
    }

    Duration retryPeriod() {
      return duration.dividedBy(5);
    }
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    var lease =
        new Lease(
            env.getOrDefault("BATCHLINE_LEASE_NAME", DEFAULT_LEASE),
            Optional.ofNullable(env.get("BATCHLINE_LEASE_NAMESPACE"))
                .or(() -> Optional.ofNullable(env.get("POD_NAMESPACE"))),
            Optional.ofNullable(env.get("POD_NAME")),
            seconds(env, "BATCHLINE_LEASE_SECONDS", 15),
            !"false".equalsIgnoreCase(env.get("BATCHLINE_EXIT_ON_LOST_LEASE")));
    var defaults =
        new OperatorDefaults(
            nonBlank(env.get("BATCHLINE_CONSUMER_IMAGE")).orElse(ConsumerSpec.DEFAULT_IMAGE),
            nonBlank(env.get("BATCHLINE_PROMETHEUS_URL"))
                .orElse(OperatorDefaults.DEFAULT_PROMETHEUS_URL),
            OperatorDefaults.parseLabels(env.get("BATCHLINE_POD_MONITOR_LABELS")));
    return new OperatorSettings(
        lease,
        defaults,
        namespaces(env.get("BATCHLINE_WATCH_NAMESPACES")),
        seconds(env, "BATCHLINE_RESYNC_SECONDS", 300),
        Integer.parseInt(env.getOrDefault("BATCHLINE_METRICS_PORT", "8080")));
  }

  /** {@code a,b} as a set; blank means every namespace. */
  static Set<String> namespaces(String text) {
    var namespaces = new TreeSet<String>();
    nonBlank(text)
        .ifPresent(
            t ->
                Arrays.stream(t.split(","))
                    .map(String::strip)
                    .filter(n -> !n.isEmpty())
                    .forEach(namespaces::add));
    return namespaces;
  }

  private static Duration seconds(Map<String, String> env, String name, long fallback) {
    var value = nonBlank(env.get(name)).map(Long::parseLong).orElse(fallback);
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be a positive number of seconds: " + value);
    }
    return Duration.ofSeconds(value);
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
