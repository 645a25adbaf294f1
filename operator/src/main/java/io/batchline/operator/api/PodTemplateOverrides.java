package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

public class PodTemplateOverrides {

  @JsonPropertyDescription("Extra pod labels. The operator's own selector labels win on a clash.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Extra pod annotations.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Node labels the consumer pods must run on.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Taints the consumer pods tolerate.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Node and pod affinity of the consumer pods.")
  private Affinity affinity;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }
}
