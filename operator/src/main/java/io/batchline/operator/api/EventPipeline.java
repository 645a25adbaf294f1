package io.batchline.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Kafka topic consumed in batches into a ClickHouse table. The operator turns each pipeline into
 * a consumer Deployment with its ConfigMap, metrics Service, PodDisruptionBudget and, when asked,
 * an autoscaler.
 *
 * <p>The short name is {@code evp}: {@code ep} is Endpoints', and kubectl resolves a built-in short
 * name before a custom one.
 */
@Group(EventPipeline.GROUP)
@Version(EventPipeline.VERSION)
@ShortNames(EventPipeline.SHORT_NAME)
@Categories(EventPipeline.CATEGORY)
@AdditionalPrinterColumn(name = "Topic", jsonPath = ".spec.kafka.topic")
@AdditionalPrinterColumn(name = "Batch", jsonPath = ".spec.batch.size", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Flush", jsonPath = ".spec.batch.flushSeconds", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class EventPipeline extends CustomResource<EventPipelineSpec, EventPipelineStatus>
    implements Namespaced {

  public static final String GROUP = "batchline.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "EventPipeline";
  public static final String SHORT_NAME = "evp";

  /** {@code kubectl get batchline} lists the pipelines. */
  public static final String CATEGORY = "batchline";

  @Override
  protected EventPipelineSpec initSpec() {
    return new EventPipelineSpec();
  }

  @Override
  protected EventPipelineStatus initStatus() {
    return new EventPipelineStatus();
  }
}
