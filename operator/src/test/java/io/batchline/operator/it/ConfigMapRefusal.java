package io.batchline.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A fault the API server itself produces: a ValidatingAdmissionPolicy that refuses, in one
 * namespace, every ConfigMap whose EVENT_PROCESSING_BATCH_SIZE is a given value. The operator's
 * apply of such a ConfigMap then fails exactly as a real refusal would, for as long as the policy
 * is in place.
 */
final class ConfigMapRefusal implements AutoCloseable {

  private final KubernetesClient client;
  private final String name;
  private final String namespace;
  private final int size;

  private ConfigMapRefusal(KubernetesClient client, String name, String namespace, int size) {
    this.client = client;
    this.name = name;
    this.namespace = namespace;
    this.size = size;
  }

  /** Installs the policy and waits until the API server enforces it. */
  static ConfigMapRefusal ofBatchSize(KubernetesClient client, String namespace, int size) {
    var name = "refuse-batch-size-" + size + "-" + namespace;
    var yaml =
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: %1$s
        spec:
          failurePolicy: Fail
          matchConstraints:
            namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: %2$s
            resourceRules:
              - apiGroups: [""]
                apiVersions: [v1]
                operations: [CREATE, UPDATE]
                resources: [configmaps]
          validations:
            - expression: >-
                !has(object.data) || !('EVENT_PROCESSING_BATCH_SIZE' in object.data)
                || object.data['EVENT_PROCESSING_BATCH_SIZE'] != '%3$d'
              message: a test refuses batch size %3$d
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: %1$s
        spec:
          policyName: %1$s
          validationActions: [Deny]
        """
            .formatted(name, namespace, size);
    for (var part : yaml.split("(?m)^---$")) {
      client.resource(Serialization.unmarshal(part, GenericKubernetesResource.class)).create();
    }
    var refusal = new ConfigMapRefusal(client, name, namespace, size);
    await().atMost(PipelineNamespace.TIMEOUT).until(() -> !refusal.probeAccepted());
    return refusal;
  }

  @Override
  public void close() {
    client
        .genericKubernetesResources(
            "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding")
        .withName(name)
        .delete();
    client
        .genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy")
        .withName(name)
        .delete();
    await().atMost(PipelineNamespace.TIMEOUT).until(this::probeAccepted);
  }

  /** Whether the API server takes a ConfigMap with the refused batch size (it is deleted again). */
  private boolean probeAccepted() {
    var probe =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("refusal-probe")
            .withNamespace(namespace)
            .endMetadata()
            .addToData("EVENT_PROCESSING_BATCH_SIZE", String.valueOf(size))
            .build();
    try {
      client.resource(probe).create();
      client.resource(probe).delete();
      return true;
    } catch (KubernetesClientException refused) {
      return false;
    }
  }
}
