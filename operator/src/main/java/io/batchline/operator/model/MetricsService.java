package io.batchline.operator.model;

import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import java.util.TreeMap;

/** A Service in front of the consumers' metrics, with the usual Prometheus scrape annotations. */
public final class MetricsService {

  public static final String PORT_NAME = "metrics";

  private MetricsService() {}

  public static Service build(EventPipeline pipeline) {
    var meta = PipelineMetadata.owned(pipeline, PipelineMetadata.serviceName(pipeline));
    meta.setAnnotations(scrapeAnnotations());
    return new ServiceBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(PipelineMetadata.selectorLabels(pipeline))
        .addNewPort()
        .withName(PORT_NAME)
        .withPort(ConsumerDeployment.HTTP_PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  static Map<String, String> scrapeAnnotations() {
    var annotations = new TreeMap<String, String>();
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", String.valueOf(ConsumerDeployment.HTTP_PORT));
    annotations.put("prometheus.io/path", "/q/metrics");
    return annotations;
  }
}
