package io.batchline.consumer;

import io.batchline.consumer.batch.SinkException;
import io.batchline.consumer.clickhouse.SchemaMismatchException;
import io.batchline.consumer.config.ClickHouseConfig;
import io.batchline.consumer.config.EventProcessingConfig;
import io.batchline.consumer.config.InvalidSettingException;
import io.batchline.consumer.config.KafkaConfig;
import io.batchline.consumer.config.PipelineSettings;
import io.batchline.consumer.config.TableMappingSettings;
import io.batchline.consumer.health.PipelineHealth;
import io.batchline.consumer.table.EncoderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Starts the pipeline and drains it on SIGTERM. Exit codes: 0 after a complete drain, 1 when the
 * drain could not finish (nothing is lost: undelivered events stay uncommitted), 2 for an invalid
 * setting, 3 when ClickHouse is unreachable or the table does not fit.
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
    PipelineSettings settings;
    EncoderSettings encoderSettings;
    try {
      settings = eventProcessing.toSettings();
      encoderSettings = TableMappingSettings.resolve(clickHouse, eventProcessing);
    } catch (InvalidSettingException e) {
      LOG.error("invalid configuration: " + e.getMessage());
      return 2;
    }
    Pipeline pipeline;
    try {
      pipeline = Pipeline.start(settings, encoderSettings, clickHouse, kafka, registry, health);
    } catch (SchemaMismatchException e) {
      LOG.error("ClickHouse table check failed: " + e.getMessage());
      return 3;
    } catch (SinkException e) {
      LOG.errorf("cannot reach ClickHouse at %s: %s", clickHouse.url(), e.getMessage());
      return 3;
    }
    // The JVM's own SIGTERM handler exits with 143; Kubernetes and scripts read that as failure.
    Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
    Signal.handle(new Signal("INT"), signal -> Quarkus.asyncExit(0));
    Quarkus.waitForExit();

    LOG.info("shutting down event consumption service");
    health.draining();
    boolean drained = pipeline.stop(settings.drainTimeout().plus(Duration.ofSeconds(5)));
    LOG.info("event consumption service shutdown complete drained=" + drained);
    return drained ? 0 : 1;
  }
}
