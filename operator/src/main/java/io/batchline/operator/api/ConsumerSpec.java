package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/**
 * The consumer container. The image has no schema default on purpose: the API server would store
 * the default in every pipeline, and a new operator's default would then never reach them.
 */
public class ConsumerSpec {

  /** The consumer image of an operator that sets no BATCHLINE_CONSUMER_IMAGE. */
  public static final String DEFAULT_IMAGE = "ghcr.io/batchline/consumer:0.1.0";

  public static final int DEFAULT_DRAIN_TIMEOUT_SECONDS = 25;
  public static final int DEFAULT_INSERT_TIMEOUT_SECONDS = 30;

  @Size(min = 1, max = 512)
  @JsonPropertyDescription(
      "Consumer image. Unset: the operator's BATCHLINE_CONSUMER_IMAGE, so that upgrading the"
          + " operator moves the consumers too. status.consumerImage shows the one in use.")
  private String image;

  @JsonPropertyDescription(
      "Requests and limits of the consumer container. Defaults: requests cpu 250m, memory"
          + " 512Mi; limits cpu 2, memory 1Gi. Each of requests and limits replaces its default"
          + " as a whole.")
  private ContainerResources resources;

  @Min(1)
  @JsonPropertyDescription(
      "Most events per second that one consumer pod reads. Unlimited if unset.")
  private Integer rateLimit;

  @Min(5)
  @Max(600)
  @JsonPropertyDescription(
      "How long a consumer may take, after SIGTERM, to flush its buffer, commit and leave the"
          + " group (EVENT_PROCESSING_DRAIN_TIMEOUT). Default 25.")
  private Integer drainTimeoutSeconds;

  @Min(5)
  @Max(600)
  @JsonPropertyDescription(
      "How long one ClickHouse insert may take before it is abandoned and retried"
          + " (CLICKHOUSE_INSERT_TIMEOUT). Default 30.")
  private Integer insertTimeoutSeconds;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ContainerResources getResources() {
    return resources;
  }

  public void setResources(ContainerResources resources) {
    this.resources = resources;
  }

  public Integer getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(Integer rateLimit) {
    this.rateLimit = rateLimit;
  }

  public Integer getDrainTimeoutSeconds() {
    return drainTimeoutSeconds;
  }

  public void setDrainTimeoutSeconds(Integer drainTimeoutSeconds) {
    this.drainTimeoutSeconds = drainTimeoutSeconds;
  }

  public Integer getInsertTimeoutSeconds() {
    return insertTimeoutSeconds;
  }

  public void setInsertTimeoutSeconds(Integer insertTimeoutSeconds) {
    this.insertTimeoutSeconds = insertTimeoutSeconds;
  }
}
