package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Requests and limits of the consumer container, as in a pod spec, but with each value checked to
 * be a quantity when the pipeline is applied: a pod spec would take {@code memory: 512MB} here and
 * fail only when the Deployment is written.
 */
public class ContainerResources {

  @Size(max = 8)
  @ValidationRule(
      value = "self.all(k, isQuantity(string(self[k])))",
      messageExpression =
          "'spec.consumer.resources.requests: not a quantity (such as 500m, 512Mi or 2Gi): '"
              + " + self.filter(k, !isQuantity(string(self[k])))[0]")
  @JsonPropertyDescription(
      "Requests by resource name: cpu (such as 250m), memory (such as 512Mi), ephemeral-storage.")
  private Map<String, Quantity> requests;

  @Size(max = 8)
  @ValidationRule(
      value = "self.all(k, isQuantity(string(self[k])))",
      messageExpression =
          "'spec.consumer.resources.limits: not a quantity (such as 500m, 512Mi or 2Gi): '"
              + " + self.filter(k, !isQuantity(string(self[k])))[0]")
  @JsonPropertyDescription("Limits by resource name, as requests.")
  private Map<String, Quantity> limits;

  public ContainerResources() {}

  public ContainerResources(Map<String, Quantity> requests, Map<String, Quantity> limits) {
    this.requests = requests;
    this.limits = limits;
  }

  public Map<String, Quantity> getRequests() {
    return requests;
  }

  public void setRequests(Map<String, Quantity> requests) {
    this.requests = requests;
  }

  public Map<String, Quantity> getLimits() {
    return limits;
  }

  public void setLimits(Map<String, Quantity> limits) {
    this.limits = limits;
  }
}
