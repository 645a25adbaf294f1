package io.batchline.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The upstream CRDs in src/test/resources/peer-crds (KEDA, Prometheus Operator), installed on the
 * shared API server by the ITs that need them and removed again, so that the other ITs see a
 * cluster without them.
 */
final class PeerCrds {

  static final String SCALED_OBJECTS = "keda.sh_scaledobjects.yaml";
  static final String POD_MONITORS = "monitoring.coreos.com_podmonitors.yaml";
  static final String PROMETHEUS_RULES = "monitoring.coreos.com_prometheusrules.yaml";

  private PeerCrds() {}

  static CustomResourceDefinition load(String file) {
    try (var in = PeerCrds.class.getResourceAsStream("/peer-crds/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no peer-crds/" + file + " on the test classpath");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Installs the CRD and waits until the API server serves it. */
  static void install(RealApiServer server, String file) {
    var crd = server.client().resource(load(file)).forceConflicts().serverSideApply();
    server
        .client()
        .resource(crd)
        .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
  }

  /** Removes the CRD (and so every object of its kind) and waits until it is gone. */
  static void remove(RealApiServer server, String file) {
    var crd = load(file);
    server.client().resource(crd).delete();
    await()
        .atMost(PipelineNamespace.TIMEOUT)
        .until(
            () ->
                server
                        .client()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .get()
                    == null);
  }
}
