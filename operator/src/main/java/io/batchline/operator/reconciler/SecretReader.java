package io.batchline.operator.reconciler;

import io.batchline.operator.api.EventPipeline;
import io.batchline.operator.model.SecretReferences;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Secrets a pipeline references, by name, when it is reconciled. Nothing is cached and
 * nothing is listed: a namespace full of unrelated Secrets (Helm keeps one per release) costs the
 * operator no memory, and its RBAC needs only {@code get} on Secrets. A rotated value is seen at
 * the next reconcile, at the latest after the maximum reconcile interval.
 */
@FunctionalInterface
public interface SecretReader {

  /** The referenced Secrets that exist, in the pipeline's namespace. */
  List<Secret> read(EventPipeline pipeline);

  /** Reads through the API server; a missing Secret is left out, any other error is thrown. */
  static SecretReader of(KubernetesClient client) {
    return pipeline ->
        SecretReferences.secretNames(pipeline).stream()
            .map(
                name ->
                    client
                        .secrets()
                        .inNamespace(pipeline.getMetadata().getNamespace())
                        .withName(name)
                        .get())
            .filter(Objects::nonNull)
            .toList();
  }
}
