package io.batchline.consumer;

import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.clickhouse.SchemaMismatchException;
import io.batchline.consumer.config.ClickHouseConfig;
import io.batchline.consumer.config.DeliverySettings;
import io.batchline.consumer.config.EventProcessingConfig;
import io.batchline.consumer.config.InvalidSettingException;
import io.batchline.consumer.config.KafkaClientProperties;
import io.batchline.consumer.config.KafkaConfig;
import io.batchline.consumer.config.PipelineSettings;
import io.batchline.consumer.config.TableMappingSettings;
import io.batchline.consumer.health.PipelineHealth;
import io.batchline.consumer.health.TerminationMessage;
import io.batchline.consumer.kafka.DeadLetterTopic;
import io.batchline.consumer.kafka.KafkaClients;
import io.batchline.consumer.table.EncoderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Starts the pipeline and drains it on SIGTERM. Exit codes: 0 after a drain (records it could not
 * write stay uncommitted, so nothing is lost), 1 when the poll loop died, 2 for an invalid setting,
 * 3 when ClickHouse is unreachable, the table does not fit, or the dead-letter topic is missing.
 */
@QuarkusMain
public class ConsumerApplication implements QuarkusApplication {

  private static final Logger LOG = Logger.getLogger(ConsumerApplication.class);

  @Inject EventProcessingConfig eventProcessing;
  @Inject ClickHouseConfig clickHouse;
  @Inject KafkaConfig kafka;
  @Inject MeterRegistry registry;
  @Inject PipelineHealth health;

  @Override
  public int run(String... args) throws Exception {
    Pipeline.Parts parts;
    try {
      PipelineSettings settings = eventProcessing.toSettings();
      DeliverySettings delivery = eventProcessing.toDeliverySettings(settings);
      EncoderSettings encoding = TableMappingSettings.resolve(clickHouse, eventProcessing);
      KafkaClients clients =
          new KafkaClients(
              kafka.bootstrapServers(), KafkaClientProperties.fromEnvironment(System.getenv()));
      parts =
          new Pipeline.Parts(settings, delivery, encoding, clickHouse, clients, registry, health);
    } catch (InvalidSettingException e) {
      return failed(2, "invalid configuration: " + e.getMessage());
    }
    AtomicBoolean loopDied = new AtomicBoolean();
    Pipeline pipeline;
    try {
      pipeline =
          Pipeline.start(
              parts,
              () -> {
                loopDied.set(true);
                Quarkus.asyncExit(1);
              });
    } catch (SchemaMismatchException e) {
      return failed(3, "ClickHouse table check failed: " + e.getMessage());
    } catch (SinkException e) {
      return failed(
          3, String.format("cannot reach ClickHouse at %s: %s", clickHouse.url(), e.getMessage()));
    } catch (DeadLetterTopic.Unusable e) {
      return failed(3, e.getMessage());
    }
    // The JVM's own SIGTERM handler exits with 143; Kubernetes and scripts read that as failure.
    Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
    Signal.handle(new Signal("INT"), signal -> Quarkus.asyncExit(0));
    Quarkus.waitForExit();

    LOG.info("shutting down event consumption service");
    health.draining();
    boolean drained = pipeline.stop(parts.settings().drainTimeout().plus(Duration.ofSeconds(5)));
    LOG.info("event consumption service shutdown complete drained=" + drained);
    return loopDied.get() ? 1 : 0;
  }

  /** Logs why the consumer cannot start and leaves it as the pod's termination message. */
  private static int failed(int exitCode, String reason) {
    LOG.error(reason);
    new TerminationMessage(TerminationMessage.DEFAULT_PATH).write(reason);
    return exitCode;
  }
}
