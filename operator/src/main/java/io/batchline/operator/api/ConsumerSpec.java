package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class ConsumerSpec {

  public static final String DEFAULT_IMAGE = "ghcr.io/batchline/consumer:0.1.0";

  @Default(DEFAULT_IMAGE)
  @Size(min = 1, max = 512)
  @JsonPropertyDescription("Consumer image.")
  private String image = DEFAULT_IMAGE;

  @JsonPropertyDescription(
      "Requests and limits of the consumer container. Defaults: requests cpu 250m, memory"
          + " 512Mi; limits cpu 2, memory 1Gi. Each of requests and limits replaces its default"
          + " as a whole.")
  private ResourceRequirements resources;

  @Min(1)
  @JsonPropertyDescription(
      "Most events per second that one consumer pod reads. Unlimited if unset.")
  private Integer rateLimit;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Integer getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(Integer rateLimit) {
    this.rateLimit = rateLimit;
  }
}
