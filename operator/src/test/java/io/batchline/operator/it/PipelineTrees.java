package io.batchline.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchline.operator.TestPipelines;
import io.batchline.operator.api.EventPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Pipelines as JSON trees, created through the generic API, so that a test can set any field the
 * way a user's YAML does, including values the Java classes would not hold.
 */
final class PipelineTrees {

  private final KubernetesClient client;
  private final String namespace;
  private int counter;

  PipelineTrees(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** A valid pipeline with a fresh name. */
  ObjectNode base() {
    return named("p" + (++counter));
  }

  ObjectNode named(String name) {
    ObjectNode tree =
        Serialization.jsonMapper().valueToTree(TestPipelines.unsaved(name, namespace));
    tree.remove("status");
    return tree;
  }

  /** The object at a dotted path, made on the way when missing. */
  static ObjectNode at(ObjectNode tree, String path) {
    var node = tree;
    for (var part : path.split("\\.")) {
      node = node.with(part);
    }
    return node;
  }

  EventPipeline create(JsonNode tree) {
    var resource = Serialization.jsonMapper().convertValue(tree, GenericKubernetesResource.class);
    var created =
        client
            .genericKubernetesResources(EventPipeline.API_VERSION, EventPipeline.KIND)
            .inNamespace(namespace)
            .resource(resource)
            .create();
    return Serialization.jsonMapper().convertValue(created, EventPipeline.class);
  }
}
