package io.batchline.operator.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Prometheus Operator's PodMonitor, as far as the operator writes it: a spec map. A class, like
 * {@link ScaledObject}, so that its API is known without asking a server that may not serve it.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("PodMonitor")
@Plural("podmonitors")
public class PodMonitor extends CustomResource<Map<String, Object>, Map<String, Object>>
    implements Namespaced {

  @Override
  protected Map<String, Object> initSpec() {
    return new LinkedHashMap<>();
  }

  @Override
  protected Map<String, Object> initStatus() {
    return null;
  }
}
