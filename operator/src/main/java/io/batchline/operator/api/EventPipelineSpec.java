package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@ValidationRule(
    value =
        "!has(self.autoscaling) || !has(self.kafka.partitions)"
            + " || self.autoscaling.maxReplicas <= self.kafka.partitions",
    fieldPath = ".autoscaling.maxReplicas",
    message =
        "spec.autoscaling.maxReplicas must not exceed spec.kafka.partitions: a consumer beyond"
            + " the partition count is idle")
@ValidationRule(
    value =
        "!has(self.kafka.partitions) || !has(self.replicas) || self.replicas <= self.kafka.partitions",
    fieldPath = ".replicas",
    message =
        "spec.replicas must not exceed spec.kafka.partitions: a consumer beyond the partition"
            + " count is idle")
public class EventPipelineSpec {

  @SpecReplicas
  @Default("1")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription(
      "Consumer pods. The target of the scale subresource: kubectl scale and the autoscaler set"
          + " it. More pods than topic partitions leaves the extra pods idle.")
  private Integer replicas = 1;

  @Required
  @JsonPropertyDescription("Where events are read from.")
  private KafkaSpec kafka;

  @Required
  @JsonPropertyDescription("Where events are written to.")
  private ClickHouseSpec clickhouse;

  @Default("{}")
  @JsonPropertyDescription(
      "When a batch is flushed. Presets from the tuning table: balanced 200/5 (the default),"
          + " high-throughput 500/10, low-latency 100/2; rollback mode is size 1, flushSeconds 0.")
  private BatchSpec batch = new BatchSpec();

  @JsonPropertyDescription(
      "Scale the consumers between minReplicas and maxReplicas. Leave spec.replicas to the"
          + " autoscaler when this is set.")
  private AutoscalingSpec autoscaling;

  @Default("{}")
  @JsonPropertyDescription("The consumer container.")
  private ConsumerSpec consumer = new ConsumerSpec();

  @JsonPropertyDescription("Labels, annotations and scheduling for the consumer pods.")
  private PodTemplateOverrides podTemplate;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public KafkaSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaSpec kafka) {
    this.kafka = kafka;
  }

  public ClickHouseSpec getClickhouse() {
    return clickhouse;
  }

  public void setClickhouse(ClickHouseSpec clickhouse) {
    this.clickhouse = clickhouse;
  }

  public BatchSpec getBatch() {
    return batch;
  }

  public void setBatch(BatchSpec batch) {
    this.batch = batch;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  public ConsumerSpec getConsumer() {
    return consumer;
  }

  public void setConsumer(ConsumerSpec consumer) {
    this.consumer = consumer;
  }

  public PodTemplateOverrides getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(PodTemplateOverrides podTemplate) {
    this.podTemplate = podTemplate;
  }
}
