package io.batchline.operator;

import io.batchline.operator.reconciler.EventPipelineReconciler;
import io.batchline.operator.reconciler.KedaDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator process: the EventPipeline controller behind a leader-election Lease, with its
 * reconcile metrics on a Prometheus endpoint. Only the Lease holder runs reconciles; the others
 * keep their caches warm and wait.
 */
public final class BatchlineOperator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchlineOperator.class);

  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final MetricsEndpoint endpoint;
  private final AtomicBoolean closing;

  private BatchlineOperator(
      Operator operator,
      PrometheusMeterRegistry registry,
      MetricsEndpoint endpoint,
      AtomicBoolean closing) {
    this.operator = operator;
    this.registry = registry;
    this.endpoint = endpoint;
    this.closing = closing;
  }

  public static BatchlineOperator start(KubernetesClient client, OperatorSettings settings) {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    var closing = new AtomicBoolean();
    var operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withLeaderElectionConfiguration(leaderElection(settings, closing)));
    operator.register(
        new EventPipelineReconciler(
            Clock.systemUTC(), new KedaDiscovery(client, settings.prometheusUrl())));
    var endpoint =
        MetricsEndpoint.start(
            settings.metricsPort(), registry, () -> operator.getRuntimeInfo().isStarted());
    operator.start();
    return new BatchlineOperator(operator, registry, endpoint, closing);
  }

  /**
   * A leader that loses its Lease exits, so that two instances never reconcile at once; JOSDK does
   * not stop reconciling by itself. JOSDK's own exit is not used: it also fires while the operator
   * stops, and System.exit inside a shutdown hook hangs the JVM on SIGTERM.
   */
  private static LeaderElectionConfiguration leaderElection(
      OperatorSettings settings, AtomicBoolean closing) {
    var callbacks =
        new LeaderCallbacks(
            () -> log.info("leading as {}", settings.identity().orElse("this instance")),
            () -> {
              if (settings.exitOnLostLease() && !closing.get()) {
                log.error("lost the leader Lease; exiting so that a new leader takes over");
                new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
              }
            },
            leader -> {});
    return new LeaderElectionConfiguration(
        settings.leaseName(),
        settings.leaseNamespace().orElse(null),
        settings.leaseDuration(),
        settings.renewDeadline(),
        settings.retryPeriod(),
        settings.identity().orElse(null),
        callbacks,
        false);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int metricsPort() {
    return endpoint.port();
  }

  @Override
  public void close() {
    closing.set(true);
    endpoint.close();
    operator.stop();
  }
}
