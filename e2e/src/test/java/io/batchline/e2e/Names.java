package io.batchline.e2e;

/**
 * Names the tests share with the operator and the consumer, in one place: the resource, the labels
 * the operator puts on consumer pods, the consumer's log lines and metrics.
 */
final class Names {

  static final String GROUP = "batchline.io";
  static final String VERSION = "v1alpha1";
  static final String KIND = "EventPipeline";

  /** The plural, for kubectl: the short name is a matter of taste and may change. */
  static final String RESOURCE = "eventpipelines.batchline.io";

  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  static final String CONSUMER_CONTAINER = "consumer";

  static final String DRAIN_STARTED = "shutting down event consumption service";
  static final String DRAIN_COMPLETE = "event consumption service shutdown complete drained=true";

  /** The autoscaling signals. */
  static final String FLUSH_UTILIZATION_METRIC = "batchline_flush_utilization_ratio";

  static final String LAG_METRIC = "batchline_consumer_lag_records";

  /** The ClickHouse logins of dev/stack for pods (dev/clickhouse/users.xml). */
  static final String CLICKHOUSE_USER_A = "cluster_a";

  static final String CLICKHOUSE_PASSWORD_A = "cluster-a-dev-password";
  static final String CLICKHOUSE_USER_B = "cluster_b";
  static final String CLICKHOUSE_PASSWORD_B = "cluster-b-dev-password";

  private Names() {}
}
