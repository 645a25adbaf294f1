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
 * KEDA's ScaledObject, as far as the operator writes it: a spec map. A class rather than a generic
 * resource because a generic one is resolved through discovery, which fails while KEDA's CRD is not
 * installed; a class names its API without asking the server.
 */
@Group("keda.sh")
@Version("v1alpha1")
@Kind("ScaledObject")
@Plural("scaledobjects")
public class ScaledObject extends CustomResource<Map<String, Object>, Map<String, Object>>
    implements Namespaced {

  public static final String API_VERSION = "keda.sh/v1alpha1";

  @Override
  protected Map<String, Object> initSpec() {
    return new LinkedHashMap<>();
  }

  @Override
  protected Map<String, Object> initStatus() {
    return null;
  }
}
