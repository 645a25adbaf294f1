package io.batchline.operator;

import io.batchline.operator.reconciler.ClusterDiscovery;
import io.batchline.operator.reconciler.EventPipelineReconciler;
import io.batchline.operator.reconciler.EventRecorder;
import io.batchline.operator.reconciler.SecretReader;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator process: the EventPipeline controller behind a leader-election Lease, with its
 * reconcile metrics on a Prometheus endpoint. Only the Lease holder runs reconciles; the others
 * keep their caches warm and wait. Those caches hold only the pipelines and the objects the
 * operator made (selected by label), never Secrets.
 *
 * <p>An informer that cannot start (a missing RBAC rule, an API server that is not there yet) does
 * not stop the process: JOSDK retries it, and {@code /healthz} names it until it works.
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

  /** How long start waits for the caches to fill before it goes on and lets them catch up. */
  static final Duration CACHE_SYNC_TIMEOUT = Duration.ofSeconds(30);

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
                    .withStopOnInformerErrorDuringStartup(false)
                    .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withLeaderElectionConfiguration(leaderElection(settings.lease(), closing)));
    var clock = Clock.systemUTC();
    var reconciler =
        new EventPipelineReconciler(
            clock,
            new ClusterDiscovery(client),
            settings.defaults(),
            SecretReader.of(client),
            EventRecorder.of(
                client, clock, settings.lease().identity().orElse(EventRecorder.COMPONENT)));
    operator.register(
        reconciler,
        o -> {
          o.withReconciliationMaxInterval(settings.resync());
          if (!settings.watchNamespaces().isEmpty()) {
            o.settingNamespaces(settings.watchNamespaces());
          }
        });
    log.info(
        "watching EventPipelines in {}; consumer image {}; resync every {}",
        settings.watchNamespaces().isEmpty() ? "every namespace" : settings.watchNamespaces(),
        settings.defaults().consumerImage(),
        settings.resync());
    var endpoint =
        MetricsEndpoint.start(
            settings.metricsPort(),
            registry,
            () -> operator.getRuntimeInfo().isStarted(),
            () -> unhealthyEventSources(operator));
    operator.start();
    return new BatchlineOperator(operator, registry, endpoint, closing);
  }

  /** The event sources JOSDK reports unhealthy, as controller/source; none before it started. */
  static List<String> unhealthyEventSources(Operator operator) {
    var runtime = operator.getRuntimeInfo();
    if (!runtime.isStarted()) {
      return List.of();
    }
    return runtime.unhealthyEventSources().entrySet().stream()
        .flatMap(c -> c.getValue().keySet().stream().map(source -> c.getKey() + "/" + source))
        .sorted()
        .toList();
  }

  /**
   * A leader that loses its Lease exits, so that two instances never reconcile at once; JOSDK does
   * not stop reconciling by itself. JOSDK's own exit is not used: it also fires while the operator
   * stops, and System.exit inside a shutdown hook hangs the JVM on SIGTERM.
   */
  private static LeaderElectionConfiguration leaderElection(
      OperatorSettings.Lease lease, AtomicBoolean closing) {
    var callbacks =
        new LeaderCallbacks(
            () -> log.info("leading as {}", lease.identity().orElse("this instance")),
            () -> {
              if (lease.exitOnLoss() && !closing.get()) {
                log.error("lost the leader Lease; exiting so that a new leader takes over");
                new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
              }
            },
            leader -> {});
    return new LeaderElectionConfiguration(
        lease.name(),
        lease.namespace().orElse(null),
        lease.duration(),
        lease.renewDeadline(),
        lease.retryPeriod(),
        lease.identity().orElse(null),
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
