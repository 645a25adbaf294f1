package io.batchline.operator.it;

import io.batchline.operator.BatchlineOperator;
import io.batchline.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Operators started in the test JVM, configured as the jar is: through the environment variables
 * the operator Deployment sets.
 */
final class TestOperator {

  private TestOperator() {}

  /**
   * The settings of a test operator: its Lease in {@code leaseNamespace}, a free metrics port, a
   * short Lease and resync, and no exit on a lost Lease. {@code more} are name, value pairs that
   * add to or replace them.
   */
  static Map<String, String> env(String leaseNamespace, String identity, String... more) {
    var env = new HashMap<String, String>();
    env.put("BATCHLINE_LEASE_NAMESPACE", leaseNamespace);
    env.put("POD_NAME", identity);
    env.put("BATCHLINE_LEASE_SECONDS", "4");
    env.put("BATCHLINE_EXIT_ON_LOST_LEASE", "false");
    env.put("BATCHLINE_METRICS_PORT", "0");
    env.put("BATCHLINE_RESYNC_SECONDS", "5");
    env.put("BATCHLINE_PROMETHEUS_URL", "http://prometheus.monitoring:9090");
    for (var i = 0; i + 1 < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  static BatchlineOperator start(KubernetesClient client, Map<String, String> env) {
    return BatchlineOperator.start(client, OperatorSettings.fromEnvironment(env));
  }
}
